import { locate } from '../config/locate.js';
import { pointerOf } from '../config/pointer.js';
import type { OuEntry, SettingsModel } from '../domain/model.js';
import type { Sourced } from '../domain/source.js';
import { sourceOf } from './level-data.js';
import type { OuNode, OuTree } from './ou-tree.js';
import type { DesiredOu, GlobalSettings } from './types.js';

/**
 * The OU tree of the settings files as read (compile, the cross-file checks). Without `provenance` no position
 * is computed and every line is 0, as in the levels compiled without it.
 */
export function ouTreeOfModel(
  model: { settings: SettingsModel['settings']; ous: ReadonlyMap<string, OuEntry> },
  provenance: boolean,
): OuTree {
  const nodes = new Map<string, OuNode>();
  const { settings } = model;
  const window = settings.value.maintenanceWindow;
  return {
    node(path) {
      const entry = model.ous.get(path);
      if (!entry) return undefined;
      let node = nodes.get(path);
      if (!node) nodes.set(path, (node = nodeOfEntry(entry, provenance)));
      return node;
    },
    maintenanceWindow:
      window === undefined
        ? undefined
        : sourced(
            window,
            settings.file,
            () => locate(settings.positions, '/maintenanceWindow').line,
            provenance,
          ),
  };
}

function sourced<T>(value: T, file: string, line: () => number, provenance: boolean): Sourced<T> {
  return { value, source: { file, line: provenance ? line() : 0 } };
}

function nodeOfEntry(entry: OuEntry, provenance: boolean): OuNode {
  const { file, positions, value } = entry;
  const at = (pointer: string) => () => locate(positions, pointer).line;
  const own = value.serviceControlPolicies;
  return {
    file,
    managed:
      value.managed === undefined ? undefined : sourced(value.managed, file, at('/managed'), provenance),
    maintenanceWindow:
      value.maintenanceWindow === undefined
        ? undefined
        : sourced(value.maintenanceWindow, file, at('/maintenanceWindow'), provenance),
    serviceControlPolicies: own && {
      inherit: own.inherit !== false,
      attach: (own.attach ?? []).map((name, i) =>
        sourced(name, file, at(pointerOf(['serviceControlPolicies', 'attach', i])), provenance),
      ),
    },
  };
}

const compiledNodes = new WeakMap<DesiredOu, OuNode>();

/**
 * The OU tree of a desired organization (plans, the runtime). A compiled OU already holds its effective
 * `managed` and policies: the nearest OU with a file gives them, and its window and level are its own.
 */
export function ouTreeOfDesired(
  settings: Pick<GlobalSettings, 'maintenanceWindow'>,
  ous: ReadonlyMap<string, DesiredOu>,
): OuTree {
  return {
    node(path) {
      const ou = ous.get(path);
      if (!ou) return undefined;
      let node = compiledNodes.get(ou);
      if (!node) compiledNodes.set(ou, (node = nodeOfCompiled(ou)));
      return node;
    },
    maintenanceWindow: settings.maintenanceWindow,
  };
}

function nodeOfCompiled(ou: DesiredOu): OuNode {
  const window = ou.level.fields.maintenanceWindow;
  return {
    file: ou.file,
    managed: { value: ou.managed, source: { file: ou.file, line: 0 } },
    maintenanceWindow:
      window === undefined ? undefined : { value: window, source: sourceOf(ou.level, '/maintenanceWindow') },
    serviceControlPolicies: { inherit: false, attach: ou.serviceControlPolicies },
    level: ou.level,
  };
}
