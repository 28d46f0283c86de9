/**
 * `pnpm hash-password`: reads a password from standard input (one line) and prints the STAFF_PASSWORD_HASH
 * value for it, so the configuration need not hold the password itself.
 *   printf '%s' 'the staff password' | pnpm -s hash-password
 */
import { hashPassword } from '../src/login/password.js';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const password = input.replace(/\r?\n$/, '');
if (password.length < 12) {
  console.error('hash-password: give a password of at least 12 characters on standard input');
  process.exit(2);
}
console.log(await hashPassword(password));
