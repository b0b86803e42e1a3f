/* global setImmediate */
// Loaded with `node --import` into a csp-hub server under test: once the server says it is running, an
// error is thrown that nothing catches, as a bug would. The test checks what the process does then.
const write = process.stdout.write.bind(process.stdout)
let thrown = false
process.stdout.write = (chunk, ...rest) => {
  const result = write(chunk, ...rest)
  if (!thrown && String(chunk).includes('CSP Hub is running')) {
    thrown = true
    setImmediate(() => {
      throw new Error('Simulated fatal error')
    })
  }
  return result
}
