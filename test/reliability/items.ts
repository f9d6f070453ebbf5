/** Requests shared by the reliability tests. */
import { fixture } from '../helpers/json.js'

export const theCase = fixture('examples/liquidmetal-2008.request.json')

/**
 * About the costliest scenario the schemas allow, tens of ms: monthly interest from 1901 to 2199,
 * in cash (interest notes compounding for three centuries would pass the largest amount, a 422).
 */
export const slowItem = {
  ...theCase,
  note: {
    ...theCase.note,
    issueDate: '1901-01-01',
    maturityDate: '2199-12-31',
    interest: {
      ...theCase.note.interest,
      paymentForm: 'cash',
      interestDates: { frequency: 'monthly', firstDate: '1901-02-01' },
    },
  },
  spa: { closingDate: '1901-01-01' },
  events: {
    ...theCase.events,
    noticeOfDefault: { sentAt: '1901-03-01', methods: ['facsimile'] },
    redemptionElection: { date: '2199-01-01' },
  },
  asOf: '2199-12-31',
}
