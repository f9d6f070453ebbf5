"""
The QuantLib job on the case's note, timed in process: what a treasury system would ask of
QuantLib-Python for the same note as `computeScenario` (bench/engine.ts times that).

One job: the quarterly schedule from issue to maturity, a FixedRateBond on 30/360 US at the
cash rate, two advances on the Fed calendar (the cure deadline, 10 Business Days after the
notice takes effect, and the redemption due date, 5 after the Event of Default), the accrued
amount at the due date, and every cash flow's date and amount.

Started by run.ts as `python3 bench/quantlib.py <request.json>`; prints one JSON line, or
{"error": ...} with exit 2 when QuantLib is not installed.
"""
import json
import sys
import time

try:
    import QuantLib as ql
except ImportError:
    print(json.dumps({"error": "QuantLib is not installed for this python3 (apt-get install quantlib-python)"}))
    sys.exit(2)


def date_of(iso):
    y, m, d = (int(part) for part in iso[:10].split("-"))
    return ql.Date(d, m, y)


def job(note, notice, asof):
    issue = date_of(note["issueDate"])
    maturity = date_of(note["maturityDate"])
    first = date_of(note["interest"]["interestDates"]["firstDate"])
    rate = float(note["interest"]["cashRate"])
    principal = float(note["principal"])
    fed = ql.UnitedStates(ql.UnitedStates.FederalReserve)
    ql.Settings.instance().evaluationDate = asof
    schedule = ql.Schedule(issue, maturity, ql.Period(ql.Quarterly), ql.NullCalendar(), ql.Unadjusted, ql.Unadjusted,
                           ql.DateGeneration.Forward, False, first)
    bond = ql.FixedRateBond(0, principal, schedule, [rate], ql.Thirty360(ql.Thirty360.USA))
    # notice by facsimile takes effect the day sent (a Business Day); the Event of Default is the
    # day after the cure deadline; the price is due 5 Business Days after it
    cure_deadline = fed.advance(notice, ql.Period(10, ql.Days))
    due = fed.advance(cure_deadline + 1, ql.Period(5, ql.Days))
    accrued = bond.accruedAmount(due)
    flows = [(cf.date().ISO(), cf.amount()) for cf in bond.cashflows()]
    return cure_deadline, due, accrued, flows


def main():
    request = json.load(open(sys.argv[1]))
    note = request["note"]
    notice = date_of(request["events"]["noticeOfDefault"]["sentAt"])
    asof = date_of(request["asOf"])
    cure_deadline, due, accrued, flows = job(note, notice, asof)
    # median of rounds of at least 0.3 s of this process's CPU time each, after a warm-up, as bench/engine.ts measures
    for _ in range(200):
        job(note, notice, asof)
    samples = []
    for _ in range(7):
        n = 0
        start = time.process_time()
        while True:
            job(note, notice, asof)
            n += 1
            elapsed = time.process_time() - start
            if elapsed >= 0.3:
                break
        samples.append(elapsed * 1e6 / n)
    samples.sort()
    print(json.dumps({
        "usPerJob": samples[len(samples) // 2],
        "quantlib": ql.__version__,
        "cureDeadline": cure_deadline.ISO(),
        "dueDate": due.ISO(),
        "cashFlows": len(flows),
    }))


main()
