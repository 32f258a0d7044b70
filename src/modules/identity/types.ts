import type { UserId } from '../../lib/ids.js'

export type AccountRole = 'resident' | 'coordinator'

export interface User {
  id: UserId
  email: string
  displayName: string
  role: AccountRole
  createdAt: string
}

export interface SignUpInput {
  email: string
  password: string
  displayName: string
  role?: AccountRole
}
