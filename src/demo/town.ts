/** The fictional town every demo shop belongs to. */
export const DEMO_TOWN = {
  name: 'Saint-Aubin-sur-Loire',
  postalCode: '49350',
  /** Used for the coordinator's and the resident's emails. */
  domain: 'saint-aubin-sur-loire.fr',
  /** The town centre; shops are placed a few hundred metres around it. */
  latitude: 47.3412,
  longitude: -0.2287,
} as const

/** The one password of every demo account; printed by the CLI, never used outside a demo. */
export const DEMO_PASSWORD = 'comptoir-demo'
