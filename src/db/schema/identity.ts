export interface UsersTable {
  id: string
  email: string
  display_name: string
  password_hash: string
  /** 'resident' | 'coordinator' */
  role: string
  created_at: string
}

export interface ShopStaffTable {
  shop_id: string
  user_id: string
  /** 'owner' | 'staff' */
  role: string
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a leaked database does not leak live sessions. */
  token_hash: string
  user_id: string
  created_at: string
  expires_at: string
}

export interface AuditLogTable {
  id: string
  at: string
  actor_user_id: string | null
  shop_id: string | null
  action: string
  subject: string
  details: string
}
