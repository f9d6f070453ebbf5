/**
 * From request JSON to domain terms: every parameter of docs/rules/ has a named default here,
 * each default or convention used is recorded as an assumption, and inputs that contradict
 * each other are collected as 422 contradictions naming their JSON pointers.
 */
import { DEFAULT_CALENDAR, getCalendar, type BusinessCalendar, type CalendarId } from './time/calendars/index.js'
import { DEFAULT_DAY_COUNT } from './time/day-counts/index.js'
import { Decimal, rateAsWritten, type RoundingMode } from './decimal.js'
import { Contradictions, type Explanation } from './explain.js'
import { addMonths, minDate, type IsoDate } from './time/dates.js'
import { COVENANT_DEFAULTS } from './clauses/covenant.js'
import {
  assumeInterest,
  INTEREST_DEFAULTS,
  type InterestTerms,
  type PrincipalPayment,
} from './clauses/default-interest.js'
import { NOTICE_AND_CURE_DEFAULTS, readNoticeRules, type NoticeRules } from './clauses/notice-and-cure.js'
import { REDEMPTION_DEFAULTS, type RedemptionTerms } from './clauses/redemption.js'
import { given } from './clauses/wording.js'
import type { NoteInput, PrincipalPaymentInput } from './inputs.js'
import { interestDates, MONTHS_PER_PERIOD, type Frequency } from './time/schedule.js'

/** Every default, each owned by its clause (the Liquidmetal 8% notes of 2007); the note's own here. */
export const DEFAULTS = {
  calendar: DEFAULT_CALENDAR,
  dayCount: DEFAULT_DAY_COUNT,
  frequency: 'quarterly' as Frequency,
  ...INTEREST_DEFAULTS,
  ...COVENANT_DEFAULTS,
  ...NOTICE_AND_CURE_DEFAULTS,
  ...REDEMPTION_DEFAULTS,
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
    `Interest Dates are ${frequency} (${given(rule?.frequency !== undefined)}) from ${firstDate} ` +
      `(${firstDateSource}), clamped to month ends, plus the maturity date; periods accrue on these unadjusted dates.`,
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
      `${principalPayments.length} principal payment(s) given reduce the outstanding principal on their dates; ` +
        "a sub-period that spans one is split there, and a redemption's accrued interest is on the redeemed " +
        'share of the principal outstanding in each sub-period.',
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

  assumeInterest(
    { dayCount, normalRates, defaultRates, paymentForm, accruedInterestForm },
    rounding,
    {
      dayCount: i.dayCount !== undefined,
      rates:
        i.cashRate !== undefined ||
        i.noteRate !== undefined ||
        i.defaultCashRate !== undefined ||
        i.defaultNoteRate !== undefined,
      paymentForm: i.paymentForm !== undefined,
      accruedInterestForm: i.accruedInterestForm !== undefined,
    },
    explanation,
  )

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
      ...(i.interestOnOverdueInterest === true ? { interestOnOverdueInterest: true } : {}),
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
