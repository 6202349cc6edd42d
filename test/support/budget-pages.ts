/**
 * Pages of the Budgets reads that moto answers whole (DescribeBudgets) or not at all
 * (DescribeBudgetNotificationsForAccount), cut as the AWS Cost Management API reference documents them:
 * - DescribeBudgets: MaxResults from 1 to 1,000, 100 by default;
 * - DescribeBudgetNotificationsForAccount: MaxResults from 1 to 1,000, 50 by default.
 * Items come in the order of their budget names; the NextToken is opaque to the caller (the last name of the
 * page, encoded), so that a budget deleted between two pages shifts nothing.
 */
export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

export const DESCRIBE_BUDGETS_PAGES: PageLimits = { defaultSize: 100, maxSize: 1000 };
export const NOTIFICATIONS_FOR_ACCOUNT_PAGES: PageLimits = { defaultSize: 50, maxSize: 1000 };

export type PageRequest =
  | { ok: true; size: number; after: string | undefined }
  | { ok: false; type: 'InvalidParameterException' | 'InvalidNextTokenException'; message: string };

const encode = (name: string) => Buffer.from(JSON.stringify({ after: name })).toString('base64url');

/** Reads MaxResults and NextToken of a request, or says why AWS would refuse them. */
export function pageRequest(
  input: { MaxResults?: unknown; NextToken?: unknown },
  limits: PageLimits,
): PageRequest {
  const size = input.MaxResults === undefined ? limits.defaultSize : Number(input.MaxResults);
  if (!Number.isInteger(size) || size < 1 || size > limits.maxSize)
    return {
      ok: false,
      type: 'InvalidParameterException',
      message: `MaxResults must be between 1 and ${limits.maxSize}.`,
    };
  const token = input.NextToken;
  if (token === undefined || token === null || token === '') return { ok: true, size, after: undefined };
  try {
    if (typeof token !== 'string') throw new Error('not a string');
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as { after?: unknown };
    if (typeof parsed.after !== 'string') throw new Error('no position');
    return { ok: true, size, after: parsed.after };
  } catch {
    return { ok: false, type: 'InvalidNextTokenException', message: 'The pagination token is invalid.' };
  }
}

/** Budget names in page order. */
export function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One page of items keyed by budget name: the first `size` items of the budgets named after `after` (`item`
 * answers undefined for a budget that has none to list), and the token of the next page when items remain.
 */
export async function page<T>(
  names: string[],
  request: { size: number; after: string | undefined },
  item: (name: string) => Promise<T | undefined>,
): Promise<{ items: T[]; nextToken: string | undefined }> {
  const rest = sortedNames(names).filter((n) => request.after === undefined || n > request.after);
  const items: T[] = [];
  let i = 0;
  for (; i < rest.length && items.length < request.size; i++) {
    const found = await item(rest[i]!);
    if (found !== undefined) items.push(found);
  }
  // The token is given only when an item is left, so that no page comes back empty.
  let more = false;
  for (let j = i; j < rest.length && !more; j++) more = (await item(rest[j]!)) !== undefined;
  return { items, nextToken: more ? encode(rest[i - 1]!) : undefined };
}
