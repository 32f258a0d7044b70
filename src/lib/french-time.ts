const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

/** "mardi 24 novembre à 11:00" on the given zone's wall clock: how messages and pages name an appointment or a slot. */
export function frenchDateTime(iso: string, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone)
  if (!format) dateTimeFormats.set(timeZone, (format = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone })))
  return format.format(new Date(iso))
}
