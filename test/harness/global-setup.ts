import type { TestProject } from 'vitest/node'
import { startThrowawayPostgres, type ThrowawayPostgres } from './postgres.js'
import { wantedEngines } from './engine-list.js'

let postgres: ThrowawayPostgres | undefined

/** One PostgreSQL server for the whole run; every test file gets its own database in it. */
export async function setup(project: TestProject): Promise<void> {
  if (!wantedEngines().includes('postgres')) return
  postgres = await startThrowawayPostgres()
  project.provide('postgresUrl', postgres.url)
}

export async function teardown(): Promise<void> {
  await postgres?.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}
