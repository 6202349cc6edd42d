// The direction of imports inside the engine's pure core, checked by `npm run lint` (engine/README.md,
// Architecture). Layers, lowest first: domain and observed (types and rules about names) <- config (reading
// and checking the settings files) <- desired (compiling them into the desired organization) <- changes (one
// module per kind of change) <- plan (comparing desired with observed) <- render (showing a plan). lifecycle
// reads desired and below. ports are interfaces over domain types, which changes and plan may use.

/** What each core folder may import inside engine/src: itself and the folders listed. */
const MAY_IMPORT = {
  domain: ['domain', 'observed'],
  observed: ['observed', 'domain'],
  config: ['config', 'domain', 'observed'],
  desired: ['desired', 'config', 'domain', 'observed'],
  lifecycle: ['lifecycle', 'desired', 'config', 'domain', 'observed'],
  changes: ['changes', 'desired', 'config', 'domain', 'observed', 'ports'],
  plan: ['plan', 'changes', 'desired', 'config', 'domain', 'observed', 'ports'],
  render: ['render', 'plan', 'changes', 'desired', 'config', 'domain', 'observed'],
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Files that import each other cannot be read, tested or moved one at a time: put what both need in a ' +
        'module of its own below them.',
      from: { path: '^engine/src/' },
      to: { circular: true },
    },
    ...Object.entries(MAY_IMPORT).map(([folder, allowed]) => ({
      name: `core-${folder}-points-down`,
      severity: 'error',
      comment:
        `engine/src/${folder}/ sits above ${allowed.filter((f) => f !== folder).join(', ') || 'nothing'} ` +
        'in the core: an import that points back up makes the lower layer depend on rules it should not know ' +
        'of; move what both need down instead.',
      from: { path: `^engine/src/${folder}/` },
      to: { path: '^engine/src/', pathNot: `^engine/src/(${allowed.join('|')})/` },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a type that points back up ties the layers as much as a value does.
    tsPreCompilationDeps: true,
  },
};
