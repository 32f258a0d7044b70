/**
 * Identity: accounts, passwords (Argon2id), sessions stored in the database, the audit log.
 * Invariants: one account per email (case-insensitive); only session token hashes are stored;
 * authentication takes the same time whether or not the email exists.
 */
export type { IdentityDeps } from './deps.js'
export { createUser, authenticate, findUserByEmail } from './users.js'
export { openSession, findSessionUser, closeSession } from './sessions.js'
export { recordAudit, listAuditOfShop } from './audit.js'
export { MIN_PASSWORD_LENGTH } from './rules.js'
export type { User, AccountRole, SignUpInput } from './types.js'
