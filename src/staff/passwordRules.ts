// What a staff password must be, with the reason in Vietnamese when it is not (said by `npm run staff -- add`):
// 10-200 characters, not the user name, not digits only nor one character repeated, and not one of the
// passwords tried first by every guessing tool. The sign-in limits bound online guessing; these rules keep
// the passwords they protect from being among the first guesses.
import { characterCount } from '../text/characters.js';

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

/** The most common passwords of 10 characters or more (leaked-password lists), and local variants. */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'a123456789',
  'abc1234567',
  'abcd123456',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'zaq12wsxcde',
  'asdfghjkl;',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou123',
  'welcome123',
  'admin12345',
  'admin123456',
  'administrator',
  'matkhau123',
  'matkhau1234',
  'anhyeuem123',
  'buudien123',
  'buudien@123',
  'vnpost123',
  'vnpost@123',
]);

/** Why the password is refused (Vietnamese, one sentence), or undefined when it is accepted. */
export function passwordProblem(password: string, username: string): string | undefined {
  const text = password.normalize('NFC');
  const folded = text.toLowerCase();
  const length = characterCount(text);
  if (length < MIN_PASSWORD) return `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`;
  if (length > MAX_PASSWORD) return `Mật khẩu chỉ được dài tối đa ${MAX_PASSWORD} ký tự.`;
  if (folded === username.toLowerCase()) return 'Mật khẩu không được trùng với tên đăng nhập.';
  if (/^\d+$/u.test(text)) return 'Mật khẩu không được chỉ gồm chữ số.';
  if (/^(.)\1+$/su.test(text)) return 'Mật khẩu không được chỉ lặp lại một ký tự.';
  if (COMMON.has(folded)) return 'Mật khẩu này quá phổ biến, dễ bị đoán; vui lòng chọn mật khẩu khác.';
  return undefined;
}
