/**
 * The worked example of docs/page.md ("Through time"): one holder `h` with 400,000 common and the
 * case's whole series (1,000,000.00 at issue) convertible at 1.00 a share, 10,000,000 shares
 * outstanding, the redemption paid in full on 2008-10-22, an initial Schedule 13D filed
 * 2007-01-12 and an amendment filed 2008-01-04.
 *
 * Its answer is written out by hand from the rules in docs/page.md: conversion shares are the
 * ledger's principal after each Interest Date rounded down (1,024,444.44 → 1,024,444 ...); the
 * percent is aggregate / (10,000,000 + conversion shares); 1% of the class is 100,000 shares, so
 * the amendment is due at 2008-01-01 (+103,214 since the filing's 1,400,000) and again at the
 * exit below 5% on 2008-10-22. Used where the timeline endpoint is not served (it answers 404):
 * the page's drawing is then checked against these figures.
 */
const PRINCIPALS: Array<[string, number]> = [
  ['2007-01-03', 1_000_000],
  ['2007-04-01', 1_024_444],
  ['2007-07-01', 1_050_055],
  ['2007-10-01', 1_076_306],
  ['2008-01-01', 1_103_214],
  ['2008-04-01', 1_130_794],
  ['2008-07-01', 1_159_064],
  ['2008-10-01', 1_188_041],
]
/** Percent over (outstanding + conversion shares), worked out with two decimals half up. */
const PERCENTS = ['12.73', '12.92', '13.12', '13.33', '13.54', '13.75', '13.97', '14.19']

export const WORKED_EXAMPLE_TIMELINE = {
  persons: [
    {
      id: 'h',
      name: 'Holder h',
      points: [
        ...PRINCIPALS.map(([date, shares], i) => ({
          date,
          causes: [i === 0 ? 'transaction' : 'interest-notes'],
          aggregate: 400_000 + shares,
          common: 400_000,
          issuableOnConversion: shares,
          issuableOnExercise: 0,
          percent: PERCENTS[i]!,
          percentOfOutstanding: ((400_000 + shares) / 100_000).toFixed(2),
          moreThanFivePercent: true,
        })),
        {
          date: '2008-10-22',
          causes: ['redemption'],
          aggregate: 400_000,
          common: 400_000,
          issuableOnConversion: 0,
          issuableOnExercise: 0,
          percent: '4.00',
          percentOfOutstanding: '4.00',
          moreThanFivePercent: false,
        },
      ],
    },
  ],
  events: [
    {
      date: '2007-01-03',
      person: 'h',
      kind: 'crossed-above-five-percent',
      baseline: { date: '2007-01-03', aggregate: 0 },
      change: { shares: 1_400_000, percentOfClass: '14.00' },
      causes: ['transaction'],
    },
    {
      date: '2008-01-01',
      person: 'h',
      kind: 'material-change',
      baseline: { date: '2007-01-12', aggregate: 1_400_000 },
      change: { shares: 103_214, percentOfClass: '1.03' },
      causes: ['interest-notes'],
    },
    {
      date: '2008-10-22',
      person: 'h',
      kind: 'fell-to-five-percent-or-below',
      baseline: { date: '2008-01-04', aggregate: 1_503_214 },
      change: { shares: -1_188_041, percentOfClass: '-11.88' },
      causes: ['redemption'],
    },
  ],
  obligations: [
    {
      person: 'h',
      kind: 'initial',
      rule: 'Rule 13d-1(a)',
      eventDate: '2007-01-03',
      deadline: '2007-01-16',
      status: 'filed-on-time',
      filedOn: '2007-01-12',
    },
    {
      person: 'h',
      kind: 'amendment',
      rule: 'Rule 13d-2(a)',
      eventDate: '2008-01-01',
      deadline: null,
      status: 'filed',
      filedOn: '2008-01-04',
      daysAfterEvent: 3,
    },
    { person: 'h', kind: 'amendment', rule: 'Rule 13d-2(a)', eventDate: '2008-10-22', deadline: null, status: 'open' },
  ],
  warnings: [],
  assumptions: [],
}
