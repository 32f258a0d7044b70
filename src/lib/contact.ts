/** Who to reach about an order or a booking: a name, an email address, a phone number or ''. */
export interface ContactInput {
  name: string
  email: string
  phone: string
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/** The contact details of a checkout or a booking; every problem at once, fields under `contact.`. */
export function checkContact(contact: ContactInput): Array<{ field: string; code: string }> {
  const problems: Array<{ field: string; code: string }> = []
  const name = contact.name.trim()
  if (!name) problems.push({ field: 'contact.name', code: 'required' })
  else if (name.length > 100) problems.push({ field: 'contact.name', code: 'too_long' })
  // A line break in a name would start a new line in a calendar file or a mail header.
  else if (CONTROL_CHARACTER.test(name)) problems.push({ field: 'contact.name', code: 'invalid_format' })
  const email = contact.email.trim()
  if (!email) problems.push({ field: 'contact.email', code: 'required' })
  else if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    problems.push({ field: 'contact.email', code: 'invalid_email' })
  const phone = contact.phone.trim()
  if (phone && !/^[+\d][\d\s.-]{5,20}$/.test(phone))
    problems.push({ field: 'contact.phone', code: 'invalid_phone' })
  return problems
}
