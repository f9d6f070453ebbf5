/** weekends-only: Saturdays and Sundays only, no holidays. QuantLib WeekendsOnly. */
import type { CalendarRules } from './rules.js'

export const weekendsOnly: CalendarRules = {
  id: 'weekends-only',
  name: 'Weekends only',
  description: 'Every Monday to Friday is a business day; no holidays. QuantLib WeekendsOnly.',
  holidayName: () => undefined,
}
