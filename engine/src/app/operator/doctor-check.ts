/** What each check of `spa doctor` answers, apart from the checks themselves so that each may live in its file. */
export type DoctorStatus = 'ok' | 'missing' | 'warning';

export interface DoctorCheck {
  id: string;
  status: DoctorStatus;
  summary: string;
  /** What to do; `manual` when AWS allows no automation of it. */
  fix?: string;
  manual?: boolean;
}

/** A check to run: its id names it in the report also when its read fails. */
export interface NamedCheck {
  id: string;
  run: () => Promise<DoctorCheck>;
}
