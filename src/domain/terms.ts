/**
 * From request JSON to domain terms: every parameter of docs/rules/ has a named default here,
 * each default or convention used is recorded as an assumption, and inputs that contradict
 * each other are collected as 422 contradictions naming their JSON pointers.
 */
import {
  DEFAULT_CALENDAR,
  getCalendar,
  type BusinessCalendar,
  type BusinessDayConvention,
  type CalendarId,
} from './calendars/index.js'
import { DEFAULT_DAY_COUNT, perDiemBasis, type DayCountId } from './day-counts/index.js'
import { Decimal, formatRate, rateAsWritten, type RoundingMode } from './decimal.js'
import { Contradictions, type Explanation } from './explain.js'
import { addMonths, minDate, type IsoDate } from './dates.js'
import type { CovenantResult, CovenantTerms, PeriodUnit } from './covenant.js'
import type { InterestForm, InterestTerms, PrincipalPayment } from './interest.js'
import type { ElectionInput, NoteInput, NoticeRulesInput, PrincipalPaymentInput, SpaInput } from './inputs.js'
import type { NoticeRules } from './notice.js'
import type { RedemptionTerms } from './redemption.js'
import { interestDates, MONTHS_PER_PERIOD, type Frequency } from './schedule.js'

/** The defaults of docs/rules/, taken from the Liquidmetal 8% notes of 2007. */
export const DEFAULTS = {
  calendar: DEFAULT_CALENDAR as CalendarId,
  dayCount: DEFAULT_DAY_COUNT as DayCountId,
  rounding: 'half-up' as RoundingMode,
  cashRate: '0.08',
  noteRate: '0.10',
  defaultCashRate: '0.12',
  defaultNoteRate: '0.15',
  frequency: 'quarterly' as Frequency,
  paymentForm: 'cash' as InterestForm,
  accruedInterestForm: 'cash' as InterestForm,
  covenantSection: '4(i)',
  covenantPeriod: { count: 5, unit: 'business-days' as PeriodUnit },
  covenantAdjustment: 'following' as BusinessDayConvention,
  cureBusinessDays: 10,
  noticeCutoffTime: '17:00',
  overnightCourierBusinessDays: 1,
  mailBusinessDays: 3,
  premium: '1.00',
  paymentBusinessDays: 5,
  portion: '1.00',
  prematureElection: 'defer' as const,
} as const

export interface NoteTerms {
  id: string | null
  calendar: BusinessCalendar
  interest: InterestTerms
  cureBusinessDays: number
  noticeRules: NoticeRules
  redemption: Omit<RedemptionTerms, 'prematureElection'>
}

/** Top-level copies of note parameters (the contract lets a request give them at either level). */
export interface SharedParameters {
  extraHolidays?: string[]
  rounding?: RoundingMode
  principalPayments?: PrincipalPaymentInput[]
}

const given = (isGiven: boolean): string => (isGiven ? 'as given' : 'default')

export function readCalendar(
  id: CalendarId | undefined,
  extraHolidays: readonly IsoDate[],
  explanation: Explanation,
): BusinessCalendar {
  const calendar = getCalendar(id ?? DEFAULTS.calendar, extraHolidays)
  explanation.assume(
    'calendar',
    `Business Days follow the ${calendar.id} calendar (${given(id !== undefined)}: ${calendar.name})` +
      (extraHolidays.length > 0 ? `, plus ${extraHolidays.length} extra closing(s) given in the request.` : '.'),
  )
  return calendar
}

function pickShared<T>(
  noteValue: T | undefined,
  topValue: T | undefined,
  name: string,
  problems: Contradictions,
  notePointer: string,
): T | undefined {
  if (noteValue !== undefined && topValue !== undefined && JSON.stringify(noteValue) !== JSON.stringify(topValue)) {
    problems.add(`${notePointer}/${name}`, `differs from /${name}; give it once, on the note or at the top level`)
  }
  return noteValue ?? topValue
}

function readPrincipalPayments(
  inputs: PrincipalPaymentInput[],
  pointer: string,
  issueDate: IsoDate,
  maturityDate: IsoDate,
  problems: Contradictions,
): PrincipalPayment[] {
  const payments = inputs.map((p, i) => ({ date: p.date, amount: new Decimal(p.amount), pointer: `${pointer}/${i}` }))
  for (const p of payments) {
    problems.check(
      p.date > issueDate && p.date <= maturityDate,
      `${p.pointer}/date`,
      `must fall after the issue date ${issueDate} and on or before the maturity date ${maturityDate}`,
    )
    problems.check(p.amount.gt(0), `${p.pointer}/amount`, 'must be greater than zero')
  }
  return payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

function readInterestDates(
  note: NoteInput,
  pointer: string,
  problems: Contradictions,
  explanation: Explanation,
): IsoDate[] {
  const rule = note.interest?.interestDates
  const at = `${pointer}/interest/interestDates`
  if (Array.isArray(rule)) {
    rule.forEach((d, i) =>
      problems.check(
        d > note.issueDate && d <= note.maturityDate,
        `${at}/${i}`,
        `must fall after the issue date and on or before the maturity date`,
      ),
    )
    problems.check(new Set(rule).size === rule.length, at, 'lists a date more than once')
    explanation.assume('interest-dates', `Interest Dates are the ${rule.length} dates given, plus the maturity date.`)
    return interestDates({ dates: rule }, note.maturityDate)
  }
  const frequency = rule?.frequency ?? DEFAULTS.frequency
  const onePeriod = addMonths(note.issueDate, MONTHS_PER_PERIOD[frequency])
  // A note shorter than one period, with no first date given, pays its interest at maturity.
  const firstDate = rule?.firstDate ?? minDate(onePeriod, note.maturityDate)
  problems.check(
    firstDate > note.issueDate && firstDate <= note.maturityDate,
    `${at}/firstDate`,
    'must fall after the issue date and on or before the maturity date',
  )
  const firstDateSource =
    rule?.firstDate !== undefined
      ? given(true)
      : firstDate === onePeriod
        ? given(false)
        : `default: the maturity date, one ${frequency} period after the issue date (${onePeriod}) being later`
  explanation.assume(
    'interest-dates',
    `Interest Dates are ${frequency} (${given(rule?.frequency !== undefined)}) from ${firstDate} (${firstDateSource}), clamped to month ends, plus the maturity date; periods accrue on these unadjusted dates.`,
  )
  return interestDates({ frequency, firstDate }, note.maturityDate)
}

/** Reads the note's terms; `pointer` is where the note sits in the request. */
export function readNote(
  note: NoteInput,
  shared: SharedParameters,
  explanation: Explanation,
  pointer = '/note',
): NoteTerms {
  const problems = new Contradictions()
  problems.check(
    note.maturityDate > note.issueDate,
    `${pointer}/maturityDate`,
    `must be after the issue date ${note.issueDate}`,
  )
  // The schema admits zero as money; a note's principal must be more (a zero note owes nothing).
  problems.check(
    new Decimal(note.principal).gt(0),
    `${pointer}/principal`,
    'must be greater than zero: a note has a positive principal',
  )
  problems.throwIfAny()

  const extraHolidays = [...new Set([...(note.extraHolidays ?? []), ...(shared.extraHolidays ?? [])])]
  const rounding = pickShared(note.rounding, shared.rounding, 'rounding', problems, pointer)
  const paymentsInput = pickShared(
    note.principalPayments,
    shared.principalPayments,
    'principalPayments',
    problems,
    pointer,
  )
  const paymentsPointer = note.principalPayments !== undefined ? `${pointer}/principalPayments` : '/principalPayments'
  const principalPayments = readPrincipalPayments(
    paymentsInput ?? [],
    paymentsPointer,
    note.issueDate,
    note.maturityDate,
    problems,
  )
  const dates = readInterestDates(note, pointer, problems, explanation)
  if (principalPayments.length > 0) {
    explanation.assume(
      'principal-payments',
      `${principalPayments.length} principal payment(s) given reduce the outstanding principal on their dates; a sub-period that spans one is split there, and a redemption's accrued interest is on the redeemed share of the principal outstanding in each sub-period.`,
    )
  }

  const i = note.interest ?? {}
  const rate = (value: string | undefined, fallback: string): Decimal => rateAsWritten(value ?? fallback)
  const normalRates = { cash: rate(i.cashRate, DEFAULTS.cashRate), notes: rate(i.noteRate, DEFAULTS.noteRate) }
  const defaultRates = {
    cash: rate(i.defaultCashRate, DEFAULTS.defaultCashRate),
    notes: rate(i.defaultNoteRate, DEFAULTS.defaultNoteRate),
  }
  const r = note.redemption ?? {}
  const premium = rateAsWritten(r.premium ?? DEFAULTS.premium)
  problems.check(premium.gte(1), `${pointer}/redemption/premium`, 'must be at least 1.00 (par)')
  const conversion = r.conversion ?? null
  if (conversion !== null) {
    problems.check(
      new Decimal(conversion.conversionPrice).gt(0),
      `${pointer}/redemption/conversion/conversionPrice`,
      'must be greater than zero',
    )
  }
  problems.throwIfAny()

  const dayCount = i.dayCount ?? DEFAULTS.dayCount
  const paymentForm = i.paymentForm ?? DEFAULTS.paymentForm
  const accruedInterestForm = i.accruedInterestForm ?? DEFAULTS.accruedInterestForm
  const calendar = readCalendar(note.calendar, extraHolidays, explanation)
  const cureBusinessDays = note.cure?.businessDays ?? DEFAULTS.cureBusinessDays
  const noticeRules = readNoticeRules(note.notice)

  explanation.assume('day-count', `Interest accrues on the ${dayCount} day count (${given(i.dayCount !== undefined)}).`)
  explanation.assume(
    'rounding',
    `Each sub-period's interest is rounded to cents ${rounding ?? DEFAULTS.rounding} (${given(rounding !== undefined)}); totals are sums of rounded amounts.`,
  )
  explanation.assume(
    'rates',
    `Normal rates ${formatRate(normalRates.cash)} cash / ${formatRate(normalRates.notes)} in notes; default rates ${formatRate(defaultRates.cash)} cash / ${formatRate(defaultRates.notes)} in notes (Note 2; ${given(i.cashRate !== undefined || i.noteRate !== undefined || i.defaultCashRate !== undefined || i.defaultNoteRate !== undefined)}).`,
  )
  explanation.assume(
    'payment-form',
    `Interest is paid on each Interest Date in ${paymentForm === 'notes' ? 'interest notes that join the principal' : 'cash'} (${given(i.paymentForm !== undefined)}).`,
  )
  explanation.assume(
    'accrued-interest-form',
    `Interest accrued since the last Interest Date is valued at the ${accruedInterestForm} rates (${given(i.accruedInterestForm !== undefined)}).`,
  )
  explanation.assume(
    'default-rates-window',
    'Default rates apply from the Event of Default (inclusive) until it is cured (exclusive); a period spanning either date is split there.',
  )
  if (defaultRates.cash.lt(normalRates.cash) || defaultRates.notes.lt(normalRates.notes)) {
    explanation.warn('default-rate-below-normal', 'A default rate is below the corresponding normal rate.')
  }

  return {
    id: note.id ?? null,
    calendar,
    interest: {
      principal: new Decimal(note.principal),
      issueDate: note.issueDate,
      maturityDate: note.maturityDate,
      normalRates,
      defaultRates,
      dayCount,
      interestDates: dates,
      paymentForm,
      accruedInterestForm,
      rounding: rounding ?? DEFAULTS.rounding,
      principalPayments,
    },
    cureBusinessDays,
    noticeRules,
    redemption: {
      premium,
      paymentBusinessDays: r.paymentBusinessDays ?? DEFAULTS.paymentBusinessDays,
      lateChargeRate:
        r.lateChargeRate === undefined || r.lateChargeRate === null ? null : rateAsWritten(r.lateChargeRate),
      conversion:
        conversion === null
          ? null
          : {
              conversionPrice: new Decimal(conversion.conversionPrice),
              highestClosingPrice: new Decimal(conversion.highestClosingPrice),
            },
    },
  }
}

export function readNoticeRules(input: NoticeRulesInput | undefined): NoticeRules {
  const cutoff = input?.cutoffTime ?? DEFAULTS.noticeCutoffTime
  return {
    cutoffMinutes: Number(cutoff.slice(0, 2)) * 60 + Number(cutoff.slice(3, 5)),
    overnightCourierBusinessDays: input?.overnightCourierBusinessDays ?? DEFAULTS.overnightCourierBusinessDays,
    mailBusinessDays: input?.mailBusinessDays ?? DEFAULTS.mailBusinessDays,
  }
}

/** Explains how the notice took effect and how long the cure period runs. */
export function assumeNoticeAndCure(
  rules: NoticeRules,
  basis: 'explicit' | 'delivery-method',
  cureBusinessDays: number,
  cureGiven: boolean,
  explanation: Explanation,
): void {
  const hh = String(Math.floor(rules.cutoffMinutes / 60)).padStart(2, '0')
  const mm = String(rules.cutoffMinutes % 60).padStart(2, '0')
  explanation.assume(
    'notice-effective-date',
    basis === 'explicit'
      ? 'The notice takes effect on the effectiveDate given.'
      : `Personal delivery, facsimile and email take effect the New York day sent if a Business Day before ${hh}:${mm} (a bare date counts as before), else the next Business Day; overnight courier after ${rules.overnightCourierBusinessDays}, mail after ${rules.mailBusinessDays} Business Day(s); the earliest method wins.`,
  )
  explanation.assume(
    'cure-period',
    `The cure period ends ${cureBusinessDays} Business Days after the notice takes effect (${given(cureGiven)}); the Event of Default occurs the day after, unless cured on or before the cure deadline.`,
  )
}

/** Explains the redemption parameters (only when a redemption is computed). */
export function assumeRedemption(
  note: NoteInput,
  terms: NoteTerms,
  election: ElectionInput,
  explanation: Explanation,
): void {
  const r = note.redemption ?? {}
  const policy = election.policy ?? DEFAULTS.prematureElection
  explanation.assume(
    'portion',
    `The holder redeems ${election.portion ?? DEFAULTS.portion} of the outstanding principal, interest notes included (${given(election.portion !== undefined)}).`,
  )
  explanation.assume(
    'premature-election',
    `An election dated before the Event of Default is ${policy === 'defer' ? 'treated as made on the Event of Default date' : 'rejected'} (${policy}; ${given(election.policy !== undefined)}).`,
  )
  explanation.assume(
    'ledger-horizon',
    'The interest ledger runs to the redemption date (exclusive); the days since the last Interest Date accrue at the accruedInterestForm rates.',
  )
  explanation.assume(
    'premium',
    `Redemption price = (principal + accrued interest) × ${formatRate(terms.redemption.premium)} (${given(r.premium !== undefined)}).`,
  )
  if (terms.redemption.conversion !== null) {
    explanation.assume(
      'as-converted',
      `As converted: (principal + accrued interest) / ${terms.redemption.conversion.conversionPrice} × ${terms.redemption.conversion.highestClosingPrice}, rounded to cents; the redemption price is the greater of it and the premium price.`,
    )
  }
  explanation.assume(
    'payment-business-days',
    `The redemption price is due ${terms.redemption.paymentBusinessDays} Business Days after the effective election (${given(r.paymentBusinessDays !== undefined)}).`,
  )
  explanation.assume(
    'per-diem-basis',
    `Per diem = redeemed principal × default ${terms.interest.accruedInterestForm} rate / ${perDiemBasis(terms.interest.dayCount)} (${terms.interest.dayCount}).`,
  )
  explanation.assume(
    'default-interest-increment',
    'The default interest increment is, per accrued sub-period at default rates, the interest at (default rate − normal rate), rounded.',
  )
  explanation.assume(
    'late-charge',
    terms.redemption.lateChargeRate === null
      ? 'No late charge rate is set: a late payment adds no late charge (default).'
      : `A late payment adds ${formatRate(terms.redemption.lateChargeRate)} per annum on the redemption price for each actual day from the due date to the payment date, over ${perDiemBasis(terms.interest.dayCount)} (the per diem's basis for ${terms.interest.dayCount}).`,
  )
}

/** Explains how a breach is dated and counted (when the covenant was breached or performed late). */
export function assumeBreach(covenant: CovenantResult, explanation: Explanation): void {
  if (covenant.status === 'breached' || covenant.status === 'performed-late') {
    explanation.assume(
      'breach-start',
      'A breach runs from the day after the deadline; days late are counted to the performance date, or to asOf while unperformed.',
    )
  }
}

export function readCovenant(spa: SpaInput, explanation: Explanation): CovenantTerms {
  const c = spa.covenant ?? {}
  const period = {
    count: c.period?.count ?? DEFAULTS.covenantPeriod.count,
    unit: c.period?.unit ?? DEFAULTS.covenantPeriod.unit,
  }
  const adjustment = c.adjustment ?? DEFAULTS.covenantAdjustment
  explanation.assume(
    'covenant-period',
    `The SPA ${c.section ?? DEFAULTS.covenantSection} deadline is ${period.count} ${period.unit} after the Closing (${given(c.period !== undefined)})` +
      (period.unit === 'calendar-days'
        ? `, adjusted ${adjustment} (${given(c.adjustment !== undefined)}).`
        : '; the closing day itself is not counted.'),
  )
  return { section: c.section ?? DEFAULTS.covenantSection, closingDate: spa.closingDate, period, adjustment }
}
