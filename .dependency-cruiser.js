/** Boundaries that CONVENTIONS.md promises; `npm run lint` (part of `npm test`) enforces them. */
module.exports = {
  forbidden: [
    {
      name: 'apps-never-import-apps',
      comment: 'Services talk over NATS only; shared code lives in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'pure-domain',
      comment: 'Deciders, events, routing, the promise and workflows are pure: no framework, database or broker.',
      severity: 'error',
      from: { path: '(\\.(decider|events|commands|errors|state|evolve|workflow|view|status|cancellation)\\.ts$)|(^apps/order/src/routing/)|(^apps/order/src/promise/(?![^/]*\\.queries\\.ts$))' },
      to: { path: 'node_modules/(@nestjs|typeorm|@nats-io|pg)/' },
    },
    {
      name: 'promise-rules-are-pure',
      comment: 'The promise rules are shared by fulfilment options, routing and order placement: plain functions over contracts.',
      severity: 'error',
      from: { path: '^libs/promise/' },
      to: { path: '(node_modules/)|(^libs/(event-store|messaging|testing)/)' },
    },
    {
      name: 'contracts-have-no-dependencies',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: 'node_modules/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/)|(\\.spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
