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

/**
 * Starts a one-thread pool and waits until its thread has computed a task: under the tests'
 * TypeScript loader a thread takes seconds to start, which a test of time limits must not count.
 */
export async function warmPool(app: {
  compute: {
    run(task: 'scenario', payload: { body: any; view: 'summary' }, options: { cost: number }): Promise<unknown>
  }
}): Promise<void> {
  await app.compute.run('scenario', { body: theCase, view: 'summary' }, { cost: Number.POSITIVE_INFINITY })
}
