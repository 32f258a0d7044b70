/** The dependency rule of docs/architecture.md, checked on every `npm run check`. */

/**
 * The modules from lowest to highest: a module may import only modules of a lower rank, never one of its own
 * rank or above (docs/architecture.md). Modules not written yet keep their place.
 */
const MODULE_RANKS = [
  ['identity'],
  ['shops'],
  ['catalog'],
  ['inventory', 'payments', 'promotions', 'loyalty'],
  ['drops'],
  ['ordering', 'bookings'],
  ['events'],
  ['conversations'],
  ['notifications'],
]

function rankRules(ranks) {
  return ranks.flatMap((rank, index) => {
    const notBelow = ranks.slice(index).flat()
    return rank.map((name) => ({
      name: `${name}-imports-only-lower-modules`,
      severity: 'error',
      from: { path: `^src/modules/${name}/` },
      to: { path: `^src/modules/(${notBelow.filter((other) => other !== name).join('|')})/` },
    }))
  })
}

module.exports = {
  forbidden: [
    // Type-only imports count too: a cycle of types is still two files that cannot be understood apart.
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-knows-no-transport',
      severity: 'error',
      from: { path: '^src/(modules|db|lib)/' },
      to: {
        path: [
          '^src/(api|http|web|jobs|demo)/',
          '^src/(app|main|cli)\\.ts$',
          '^node_modules/(fastify|@fastify)/',
        ],
      },
    },
    {
      name: 'enter-a-module-by-its-index',
      severity: 'error',
      from: { path: '^(src/(?!modules/)|test/|bench/)' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'modules-meet-at-index',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/(?!$1/)[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    ...rankRules(MODULE_RANKS),
    {
      name: 'http-is-the-plumbing-under-api-and-web',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/(api|web|jobs|demo)/' },
    },
    {
      name: 'api-and-web-stand-apart',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'web-and-api-stand-apart',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/api/' },
    },
    {
      name: 'db-and-lib-stay-low',
      severity: 'error',
      from: { path: '^src/(db|lib)/' },
      to: { path: '^src/(modules|api|http|web|jobs)/' },
    },
    { name: 'lib-is-a-leaf', severity: 'error', from: { path: '^src/lib/' }, to: { path: '^src/(?!lib/)' } },
    {
      name: 'rules-are-pure',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/(rules|search-text)\\.ts$' },
      to: { path: ['^src/db/', '^(node:)?(fs|net|http|https|child_process)$'] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
  },
}
