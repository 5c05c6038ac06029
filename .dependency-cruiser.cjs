/**
 * The walls between packages and web features, checked by `npm run lint` (`npm run lint:walls`).
 * Paths are relative to the repository root; a rule's name is what a failing check prints.
 * The allowed direction, one way: core ← server ← worker ← api, and core ← web.
 * Proven by infra/test/architecture-walls.test.ts, which plants a violation of each rule.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'core is the domain, browser-safe and without I/O: it imports only zod, luxon and its own files (its tests may use their test tools).',
      severity: 'error',
      from: { path: '^core/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^core/', '(^|node_modules/)(@types/)?(zod|luxon)(/|$)'] },
    },
    {
      name: 'server-imports-core-only',
      comment: 'server/ is what api and worker share: it may import core, never api, worker or web.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/(test|bench)/' },
      to: { path: '^(api|worker|web)/' },
    },
    {
      name: 'worker-not-api',
      comment:
        'The worker process imports only server/ and core, never the api (nor web). Its tests and benchmarks may start the api to check what crosses between the processes.',
      severity: 'error',
      from: { path: '^worker/', pathNot: '^worker/(test|bench)/' },
      to: { path: '^(api|web)/' },
    },
    {
      name: 'api-not-web',
      comment: 'The api serves the web build; it never imports web code.',
      severity: 'error',
      from: { path: '^api/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-imports-core-only',
      comment: 'The browser app shares only core with the other packages (never api, worker or server).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(api|worker|server)/' },
    },
    {
      name: 'web-features-isolated',
      comment:
        'A web feature never imports another feature: shared pieces go to web/src/{components,hooks,lib}; only web/src/app composes features.',
      severity: 'error',
      from: { path: '^web/src/features/([^/]+)/' },
      to: { path: '^web/src/features/', pathNot: '^web/src/features/$1/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles anywhere, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // The whole repository, so server/ is covered as soon as it exists. node_modules is not followed but
    // not excluded either: excluding it would drop core's imports of packages from the graph.
    exclude: { path: '^(web/dist|coverage|\\.data|\\.tools|artifacts)/' },
    doNotFollow: { path: 'node_modules' },
    // TypeScript 7 has no JS compiler API that dependency-cruiser can use; swc parses TS instead and
    // keeps type-only imports (`import type`, `import { type X }`), so they count for cycles too.
    parser: 'swc',
    enhancedResolveOptions: {
      // Workspace packages resolve through their package.json "exports" (`@telemost/core/*` → core/src/*.ts).
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
