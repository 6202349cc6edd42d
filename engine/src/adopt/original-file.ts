import { siteOf } from '../config/locate.js';
import { pointerOf } from '../config/pointer.js';
import { fullYaml } from '../config/yaml-file.js';
import { decodeUtf8 } from '../config/text.js';
import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import type { PositionIndex } from '../domain/source.js';

/** A settings item of the original SPA (`defaults`, an entry of `organizational_units` or of `accounts`). */
export interface OriginalItem {
  identifier: string;
  /** Its JSON pointer in the file, for messages. */
  pointer: string;
  note?: string;
  tags: Record<string, string>;
  unsetTags: string[];
  preparation?: OriginalTask;
  purge?: OriginalTask;
}

export interface OriginalTask {
  feature?: 'enabled' | 'disabled';
  variables: Record<string, string | number | boolean>;
}

/** The original settings file, read: the sections this edition has an equivalent for, and the keys it has not. */
export interface OriginalSettings {
  file: string;
  environment: string;
  /** Flattened `section.key` -> value, for automation, metering, worker, features and reporting. */
  keys: Map<string, { value: unknown; pointer: string }>;
  defaults?: OriginalItem;
  ous: OriginalItem[];
  accounts: OriginalItem[];
  positions: PositionIndex;
  lines: string[];
}

const SECTIONS = ['automation', 'metering', 'worker', 'features', 'reporting'];
const TOP = new Set(['environment_identifier', 'defaults', 'organizational_units', 'accounts', ...SECTIONS]);
const ITEM_KEYS = new Set(['identifier', 'note', 'account_tags', 'unset_tags', 'preparation', 'purge']);

/**
 * Reads the settings file of the original SPA (spa-original section 2): YAML errors and values of the wrong
 * shape come back as diagnostics at their line and column, as `spa validate` reports them.
 */
export function readOriginalSettings(
  file: string,
  bytes: Uint8Array,
): { settings?: OriginalSettings; diagnostics: Diagnostic[]; lines: string[] } {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return { diagnostics: [decoded.diagnostic], lines: [] };
  const parsed = fullYaml(file, decoded.text);
  const lines = parsed.lines;
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (parsed.value === undefined || errors.length) return { diagnostics: errors, lines };
  const r = new Reader(file, parsed.positions);
  const root = r.mapping(parsed.value, '');
  if (!root) return { diagnostics: r.diagnostics, lines };
  r.unknownKeys(root, TOP, '', 'of the original SPA settings');
  const environment = r.string(root.environment_identifier, '/environment_identifier', true) ?? '';
  const keys = new Map<string, { value: unknown; pointer: string }>();
  for (const section of SECTIONS) {
    const m = root[section] === undefined ? undefined : r.mapping(root[section], pointerOf([section]));
    for (const [k, v] of Object.entries(m ?? {}))
      keys.set(`${section}.${k}`, { value: v, pointer: pointerOf([section, k]) });
  }
  const items = (key: string, id: RegExp, what: string) => r.list(root[key], key, id, what);
  const settings: OriginalSettings = {
    file,
    environment,
    keys,
    ous: items(
      'organizational_units',
      /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$|^ou-[0-9a-z-]+$/,
      'an OU id such as ou-ab12-cd34ef56',
    ),
    accounts: items('accounts', /^[0-9]{12}$/, 'a 12-digit account id in quotes, such as "012345678901"'),
    positions: parsed.positions,
    lines,
  };
  if (root.defaults !== undefined) {
    const d = r.item(
      { identifier: 'defaults', ...(r.mapping(root.defaults, '/defaults') ?? {}) },
      '/defaults',
      /^defaults$/,
      '',
    );
    if (d) settings.defaults = d;
  }
  return r.diagnostics.length ? { diagnostics: r.diagnostics, lines } : { settings, diagnostics: [], lines };
}

/** Reads values and says, at their line and column, when one has the wrong shape. */
class Reader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly file: string,
    private readonly positions: PositionIndex,
  ) {}

  problem(
    pointer: string,
    code: string,
    summary: string,
    allowed: string,
    hint: string,
    onKey = false,
  ): void {
    this.diagnostics.push(
      diagnostic(siteOf(this.file, this.positions, pointer, onKey), { code, summary, allowed, hint }),
    );
  }

  unknownKeys(m: Record<string, unknown>, allowed: ReadonlySet<string>, pointer: string, of: string): void {
    for (const key of Object.keys(m))
      if (!allowed.has(key))
        this.problem(
          `${pointer}/${key}`,
          'original-unknown-key',
          `"${key}" is not a key ${of}`,
          [...allowed].join(', '),
          'remove it, or fix its spelling',
          true,
        );
  }

  list(list: unknown, key: string, id: RegExp, what: string): OriginalItem[] {
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) {
      this.problem(
        pointerOf([key]),
        'original-wrong-type',
        `${key} must be a list`,
        'a list of items with an identifier',
        `write ${key}: as a list, each item starting with "- identifier:"`,
      );
      return [];
    }
    return list.flatMap((v, i) => this.item(v, pointerOf([key, i]), id, what) ?? []);
  }

  mapping(value: unknown, pointer: string): Record<string, unknown> | undefined {
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    this.problem(
      pointer,
      'original-wrong-type',
      `${pointer || 'the file'} must be a mapping`,
      'key: value pairs',
      'indent the keys below it',
    );
    return undefined;
  }

  string(value: unknown, pointer: string, required = false): string | undefined {
    if (typeof value === 'string' && value) return value;
    if (value === undefined && !required) return undefined;
    this.problem(
      pointer,
      value === undefined ? 'original-missing-key' : 'original-wrong-type',
      value === undefined ? `${pointer.slice(1)} is missing` : `${pointer.slice(1)} must be a text`,
      'a text',
      value === undefined ? `add ${pointer.slice(1)}` : 'quote the value',
    );
    return undefined;
  }

  item(value: unknown, pointer: string, id: RegExp, what: string): OriginalItem | undefined {
    const m = this.mapping(value, pointer);
    if (!m) return undefined;
    const identifier =
      typeof m.identifier === 'number' ? undefined : this.string(m.identifier, `${pointer}/identifier`, true);
    if (typeof m.identifier === 'number' || (identifier !== undefined && !id.test(identifier))) {
      this.problem(
        `${pointer}/identifier`,
        'original-invalid-identifier',
        `identifier ${String(m.identifier)} is not ${what}`,
        what,
        typeof m.identifier === 'number'
          ? 'quote the id, so that YAML keeps its leading zeros'
          : `write ${what}`,
      );
      return undefined;
    }
    if (identifier === undefined) return undefined;
    this.unknownKeys(m, ITEM_KEYS, pointer, 'of an item');
    const item: OriginalItem = {
      identifier,
      pointer,
      tags: this.texts(m.account_tags, `${pointer}/account_tags`),
      unsetTags: Array.isArray(m.unset_tags) ? m.unset_tags.map(String) : [],
    };
    if (typeof m.note === 'string') item.note = m.note;
    for (const task of ['preparation', 'purge'] as const) {
      const t = m[task] === undefined ? undefined : this.task(m[task], `${pointer}/${task}`);
      if (t) item[task] = t;
    }
    return item;
  }

  task(value: unknown, pointer: string): OriginalTask | undefined {
    const t = this.mapping(value, pointer);
    if (!t) return undefined;
    const feature = t.feature;
    if (feature !== undefined && feature !== 'enabled' && feature !== 'disabled')
      this.problem(
        `${pointer}/feature`,
        'original-invalid-feature',
        `feature ${JSON.stringify(feature)} is neither enabled nor disabled`,
        'enabled, disabled',
        'write enabled or disabled',
      );
    const variables =
      t.variables === undefined ? {} : (this.mapping(t.variables, `${pointer}/variables`) ?? {});
    return {
      ...(feature === 'enabled' || feature === 'disabled' ? { feature } : {}),
      variables: Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [
          k,
          typeof v === 'number' || typeof v === 'boolean' ? v : String(v),
        ]),
      ),
    };
  }

  texts(value: unknown, pointer: string): Record<string, string> {
    if (value === undefined || value === null) return {};
    const m = this.mapping(value, pointer) ?? {};
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
  }
}
