/** Day count list and queries: a thin adapter from HTTP to src/domain/time/day-counts. */
import type { FastifyInstance } from 'fastify'
import { addOperation, ProblemError } from '../contract/index.js'
import type { IsoDate } from '../domain/time/dates.js'
import { Decimal, formatFraction } from '../domain/decimal.js'
import { listDayCounts, yearFraction, type DayCountId } from '../domain/time/day-counts/index.js'

interface YearFractionQuery {
  from: IsoDate
  to: IsoDate
  maturityDate?: IsoDate
}

export default async function dayCountRoutes(app: FastifyInstance): Promise<void> {
  addOperation(app, 'listDayCounts', async () => ({ dayCounts: listDayCounts() }))

  addOperation<{ Params: { convention: DayCountId }; Querystring: YearFractionQuery }>(
    app,
    'getYearFraction',
    async (request) => {
      const { from, to, maturityDate } = request.query
      if (to < from) {
        throw ProblemError.contradiction('The period ends before it starts.', [
          { pointer: '/to', in: 'query', detail: `must not be before from (${from})` },
        ])
      }
      const fraction = yearFraction(request.params.convention, from, to, maturityDate)
      return {
        days: fraction.days,
        yearFraction: formatFraction(new Decimal(fraction.numerator).div(fraction.denominator)),
      }
    },
  )
}
