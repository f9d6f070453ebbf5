/** The ownership rules one at a time, each against values worked by hand. */
import t from 'tap'
import { Decimal } from '../../src/domain/decimal.js'
import { Contradictions, ContradictionError } from '../../src/domain/explain.js'
import { applyBlocker, blockerCapacity } from '../../src/domain/ownership/blocker.js'
import { checkControlGraph, reachedHolders } from '../../src/domain/ownership/control-graph.js'
import { conversionShares } from '../../src/domain/ownership/conversion-shares.js'
import { moreThanFivePercent, percentText } from '../../src/domain/ownership/percent.js'
import { acquisitionStatus } from '../../src/domain/ownership/right-to-acquire.js'
import {
  computeBeneficialOwnership,
  type BeneficialOwnershipRequest,
} from '../../src/domain/ownership/beneficial-ownership.js'

t.test('the blocker at 4.99% and 9.99%, worked by hand', async (t) => {
  // 10,000,000 outstanding, 400,000 owned. At 4.99%: X <= (0.0499 x 10,000,000 - 400,000) / 0.9501
  // = 99,000 / 0.9501 = 104,199.56 -> 104,199. Check: 504,199 <= 0.0499 x 10,104,199 = 504,199.53,
  // while 504,200 > 0.0499 x 10,104,200 = 504,199.58.
  t.equal(blockerCapacity(400_000, 10_000_000, new Decimal('0.0499')), 104_199)
  // At 9.99%: (999,000 - 400,000) / 0.9001 = 665,481.61 -> 665,481. Check: 1,065,481 <= 0.0999 x
  // 10,665,481 = 1,065,481.55; 1,065,482 > 0.0999 x 10,665,482 = 1,065,481.65.
  t.equal(blockerCapacity(400_000, 10_000_000, new Decimal('0.0999')), 665_481)
  // Already over the cap: (0.0499 x 10,000,000 - 600,000) < 0 -> 0.
  t.equal(blockerCapacity(600_000, 10_000_000, new Decimal('0.0499')), 0)
  // Exactly at the cap with X = 0: 499,000 / 10,000,000 = 4.99% -> 0 more.
  t.equal(blockerCapacity(499_000, 10_000_000, new Decimal('0.0499')), 0)
  // The case's first fund under 4.99%: (0.0499 x 44,726,295 - 275,355) / 0.9501 = 2,059,243.36 ->
  // 2,059,243, above its 744,176 acquirable: not binding. Under 2%: (894,525.90 - 275,355) / 0.98 =
  // 631,807.04 -> 631,807 < 744,176: binding, the 433,266 conversion shares first, then 198,541 warrant shares.
  t.same(applyBlocker(275_355, 44_726_295, new Decimal('0.0499'), 433_266, 310_910), {
    conversion: 433_266,
    exercise: 310_910,
    capacity: 2_059_243,
    binding: false,
  })
  t.same(applyBlocker(275_355, 44_726_295, new Decimal('0.02'), 433_266, 310_910), {
    conversion: 433_266,
    exercise: 198_541,
    capacity: 631_807,
    binding: true,
  })
})

t.test('the blocker near 100%: exact at the last share, bounded far beyond any count', async (t) => {
  // 1 owned of 3 outstanding, L = 0.999999999999: X <= (2.999999999997 - 1) / 0.000000000001
  // = 1,999,999,999,997 exactly. Check: 1 + X = 1,999,999,999,998 = L x (3 + X) = L x 2,000,000,000,000
  // (equality holds, so X counts); X + 1 gives 1,999,999,999,999 > L x 2,000,000,000,001
  // = 1,999,999,999,998.999999999999.
  t.equal(blockerCapacity(1, 3, new Decimal('0.999999999999')), 1_999_999_999_997)
  // 0 owned of 10^12, L = 0.9999: X <= 0.9999 x 10^12 / 0.0001 = 9,999 x 10^12, beyond
  // 2^53 - 1 = 9,007,199,254,740,991 (and beyond the 4.1 x 10^15 shares a request can hold): capped there.
  t.equal(blockerCapacity(0, 1_000_000_000_000, new Decimal('0.9999')), Number.MAX_SAFE_INTEGER)
  // 0 owned of 10^6, L = 0.999999999999: 999,999.999999 / 10^-12, about 10^18: capped likewise.
  t.equal(blockerCapacity(0, 1_000_000, new Decimal('0.999999999999')), Number.MAX_SAFE_INTEGER)
})

t.test('the blocker through the service: capped shares, a warning, the percent at the cap', async (t) => {
  const req: BeneficialOwnershipRequest = {
    asOf: '2008-09-30',
    sharesOutstanding: 10_000_000,
    holders: [
      {
        id: 'h',
        name: 'H',
        commonShares: 400_000,
        convertibles: [{ sharesIssuable: 200_000 }],
        warrants: [{ shares: 50_000 }],
        ownershipLimit: '0.0499',
      },
    ],
  }
  const result = computeBeneficialOwnership(req)
  const h = result.persons[0]!
  // 104,199 counted (above), all on conversion; aggregate 504,199 / 10,104,199 = 4.98999% -> 4.99.
  t.same([h.issuableOnConversion, h.issuableOnExercise, h.aggregate, h.percent], [104_199, 0, 504_199, '4.99'])
  t.same(
    result.warnings.map((w) => w.code),
    ['ownership-limit-binding'],
  )
  // With a 9.99% cap all 250,000 fit (665,481 capacity): 650,000 / 10,250,000 = 6.3415% -> 6.34.
  const loose = computeBeneficialOwnership({ ...req, holders: [{ ...req.holders[0]!, ownershipLimit: '0.0999' }] })
    .persons[0]!
  t.same([loose.issuableOnConversion, loose.issuableOnExercise, loose.percent], [200_000, 50_000, '6.34'])
  // Aggregating with an affiliate's 100,000 common: (499,000 - 500,000) < 0 -> nothing counted.
  const grouped = computeBeneficialOwnership({
    ...req,
    holders: [
      { ...req.holders[0]!, ownershipLimitAggregatesWith: ['g'] },
      { id: 'g', name: 'G', commonShares: 100_000 },
    ],
  }).persons[0]!
  t.same([grouped.issuableOnConversion, grouped.issuableOnExercise], [0, 0])
})

t.test('a control graph with a shared path and a sole path to the same holder', async (t) => {
  // p -> h1 (sole); p -> m (sole) -> h1 (shared), m -> h2 (sole). h1 is reached twice: one path
  // sole, one shared, so p's power over h1 is shared; over h2 sole. q -> m with voting none:
  // q has dispositive power only.
  const persons = [
    {
      id: 'm',
      controls: [
        { id: 'h1', voting: 'shared' as const, dispositive: 'shared' as const },
        { id: 'h2', voting: 'sole' as const, dispositive: 'sole' as const },
      ],
    },
    {
      id: 'p',
      controls: [
        { id: 'h1', voting: 'sole' as const, dispositive: 'sole' as const },
        { id: 'm', voting: 'sole' as const, dispositive: 'sole' as const },
      ],
    },
    { id: 'q', controls: [{ id: 'm', voting: 'none' as const, dispositive: 'sole' as const }] },
  ]
  const reach = reachedHolders(['h1', 'h2'], persons)
  t.same(reach.get('p'), [
    { holder: 'h1', voting: 'shared', dispositive: 'shared' },
    { holder: 'h2', voting: 'sole', dispositive: 'sole' },
  ])
  t.same(reach.get('q'), [
    { holder: 'h1', voting: 'none', dispositive: 'shared' },
    { holder: 'h2', voting: 'none', dispositive: 'sole' },
  ])

  const result = computeBeneficialOwnership({
    asOf: '2008-09-30',
    sharesOutstanding: 1_000_000,
    holders: [
      { id: 'h1', name: 'H1', commonShares: 30_000 },
      { id: 'h2', name: 'H2', commonShares: 20_000, warrants: [{ shares: 5_000 }] },
    ],
    persons: persons.map((p) => ({ ...p, name: p.id.toUpperCase() })),
  })
  const p = result.persons.find((r) => r.id === 'p')!
  // h1 counted once: 30,000 + 25,000 = 55,000; shared 30,000 (h1), sole 25,000 (h2).
  t.same(
    [p.aggregate, p.soleVotingPower, p.sharedVotingPower, p.soleDispositivePower, p.sharedDispositivePower],
    [55_000, 25_000, 30_000, 25_000, 30_000],
  )
  // 55,000 / (1,000,000 + 5,000) = 5.4726% -> 5.47; over the outstanding alone 5.50.
  t.same([p.percent, p.percentOfOutstanding, p.moreThanFivePercent], ['5.47', '5.50', true])
  const q = result.persons.find((r) => r.id === 'q')!
  t.same(
    [q.aggregate, q.soleVotingPower, q.sharedVotingPower, q.soleDispositivePower, q.sharedDispositivePower],
    [55_000, 0, 0, 25_000, 30_000],
  )
})

t.test('contradictions in the graph: unknown ids, duplicates, cycles', async (t) => {
  const problems = new Contradictions()
  checkControlGraph(
    ['a', 'b', 'a'],
    [
      {
        id: 'x',
        controls: [
          { id: 'y', voting: 'sole', dispositive: 'sole' },
          { id: 'nobody', voting: 'sole', dispositive: 'sole' },
        ],
      },
      {
        id: 'y',
        controls: [
          { id: 'x', voting: 'sole', dispositive: 'sole' },
          { id: 'a', voting: 'sole', dispositive: 'sole' },
          { id: 'a', voting: 'sole', dispositive: 'sole' },
        ],
      },
      { id: 'b', controls: [] },
    ],
    problems,
  )
  const error = t.throws(() => problems.throwIfAny()) as ContradictionError
  t.same(error.errors.map((e) => e.pointer).sort(), [
    '/holders/2/id',
    '/persons/0/controls/1/id',
    '/persons/1/controls/0/id',
    '/persons/1/controls/2/id',
    '/persons/2/id',
  ])
})

t.test('the 60-day boundary, both sides', async (t) => {
  // asOf 2008-09-30 + 60 days: 30 days to 2008-10-30, 30 more to 2008-11-29.
  t.equal(acquisitionStatus({ exercisableFrom: '2008-11-29' }, '2008-09-30'), 'counted', 'day 60 counts')
  t.equal(acquisitionStatus({ exercisableFrom: '2008-11-30' }, '2008-09-30'), 'beyond-60-days', 'day 61 does not')
  t.equal(
    acquisitionStatus({ expiresOn: '2008-09-30' }, '2008-09-30'),
    'counted',
    'expiring on asOf: still exercisable that day',
  )
  t.equal(acquisitionStatus({ expiresOn: '2008-09-29' }, '2008-09-30'), 'expired')
  // Across February of a leap year: 2008-01-01 + 60 days = 2008-03-01 (31 + 29 days to 02-29, 1 more).
  t.equal(acquisitionStatus({ exercisableFrom: '2008-03-01' }, '2008-01-01'), 'counted')
  t.equal(acquisitionStatus({ exercisableFrom: '2008-03-02' }, '2008-01-01'), 'beyond-60-days')

  const result = computeBeneficialOwnership({
    asOf: '2008-09-30',
    sharesOutstanding: 1_000_000,
    holders: [
      {
        id: 'h',
        name: 'H',
        commonShares: 0,
        warrants: [
          { shares: 100, exercisableFrom: '2008-11-29' },
          { shares: 10, exercisableFrom: '2008-11-30' },
          { shares: 1, expiresOn: '2008-09-29' },
        ],
      },
    ],
  })
  t.equal(result.persons[0]!.issuableOnExercise, 100)
  t.same(result.warnings.map((w) => w.code).sort(), ['right-to-acquire-beyond-60-days', 'right-to-acquire-expired'])
})

t.test('conversion shares are rounded down by default (a named parameter)', async (t) => {
  // 1,188,041.47 / 1.09: 1.09 x 1,089,946 = 1,188,041.14, remainder 0.33 -> 1,089,946.30.
  t.equal(conversionShares(new Decimal('1188041.47'), new Decimal('1.09')).toString(), '1089946')
  t.equal(conversionShares(new Decimal('1188041.47'), new Decimal('1.09'), 'half-up').toString(), '1089946')
  t.equal(conversionShares(new Decimal('1188041.47'), new Decimal('1.09'), 'up').toString(), '1089947')
  // 999.99 / 0.5 = 1,999.98 -> 1,999 down, 2,000 half-up.
  t.equal(conversionShares(new Decimal('999.99'), new Decimal('0.5')).toString(), '1999')
  t.equal(conversionShares(new Decimal('999.99'), new Decimal('0.5'), 'half-up').toString(), '2000')
  t.throws(() => conversionShares(new Decimal('1'), new Decimal('0')))
})

t.test('percentages: half-up to two decimals, exactly; more than 5% strictly', async (t) => {
  t.equal(percentText(1, 800), '0.13', '0.125% is a tie: half-up gives 0.13 (half-even would give 0.12)')
  t.equal(percentText(3, 800), '0.38', '0.375%')
  t.equal(percentText(1, 1_600), '0.06', '0.0625%')
  t.equal(percentText(1, 1), '100.00')
  t.equal(percentText(0, 7), '0.00')
  // 2,389,825 / 46,444,986 = 5.14550...% -> 5.15 (WCM in the case).
  t.equal(percentText(2_389_825, 46_444_986), '5.15')
  // Exactly 5% is not more than 5%; one share more is.
  t.equal(moreThanFivePercent(50, 1_000, 0), false)
  t.equal(moreThanFivePercent(51, 1_000, 0), true)
  // 5.001% rounds to 5.00 but is more than 5%.
  t.equal(percentText(5_001, 100_000), '5.00')
  t.equal(moreThanFivePercent(5_001, 100_000, 0), true)
})
