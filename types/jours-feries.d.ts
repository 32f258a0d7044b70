declare module '@socialgouv/jours-feries' {
  /**
   * The French public holidays of a year, by name, each a Date at local midnight (`new Date(y, m, d)`).
   * `alsace: true` adds Good Friday and St Stephen's Day (Alsace-Moselle).
   */
  const joursFeries: (year: number, options?: { alsace?: boolean }) => Record<string, Date>
  export default joursFeries
}
