import type { Engine } from '../../src/db/index.js'

/** ENGINES=sqlite narrows a local run; the default (and CI) is both. */
export function wantedEngines(): Engine[] {
  const wanted = (process.env.ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
  return (['sqlite', 'postgres'] as const).filter((engine) => wanted.includes(engine))
}
