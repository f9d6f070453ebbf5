/**
 * How a POST's response examples pair with its request examples, the one convention that
 * test/contract/examples.test.ts checks and `npm run examples` writes by: a response example
 * answers the request example of its name; one named `<name>-summary` (with no request example
 * of that name) answers request `<name>` with view=summary.
 */
type Json = { [key: string]: any }

export interface ExamplePair {
  operationId: string
  name: string
  /** the request Example Object, undefined when none has the name */
  request: Json | undefined
  response: Json
  /** the path to POST the request to, with ?view=summary for a summary */
  url: string
}

const SUMMARY = '-summary'

export function* examplePairs(paths: Json): Generator<ExamplePair> {
  for (const [path, item] of Object.entries(paths)) {
    const op = (item as Json)['post']
    if (!op) continue
    const requests = (op.requestBody?.content?.['application/json']?.examples ?? {}) as Json
    const responses = (op.responses?.['200']?.content?.['application/json']?.examples ?? {}) as Json
    for (const [name, response] of Object.entries(responses)) {
      const summary = name.endsWith(SUMMARY) && requests[name] === undefined
      yield {
        operationId: op.operationId,
        name,
        request: requests[summary ? name.slice(0, -SUMMARY.length) : name],
        response: response as Json,
        url: summary ? `${path}?view=summary` : path,
      }
    }
  }
}
