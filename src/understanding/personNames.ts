// The person an answer names, so that a follow-up pointing to them ("ông ấy giữ chức gì?", "what was his job
// title?") is read with their name. A Vietnamese full name is a common family name followed by two or three
// capitalised syllables ("Đinh Như Hạnh"); a body ("Tổng Công ty Bưu điện Việt Nam") opens with no family name, and a
// place that does ("Thái Nguyên", "Hà Nội") has two syllables.
import { normalizeVietnamese } from '../text/vietnamese.js';

// The most common Vietnamese family names: together they are carried by nearly everyone.
const FAMILY_NAMES =
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Lương Trịnh Mai Trương Hà Nông Lưu ' +
  'Triệu Hứa Chu Lâm Tạ Tô Cao Quách Thái Vương Kiều Đoàn Đàm Lục Ma Lò Vi Hầu Tăng Khúc Âu';
const NAME = new RegExp(String.raw`(?<![\p{L}])(?:${FAMILY_NAMES.split(' ').join('|')})(?:\s+\p{Lu}\p{Ll}*){2,3}(?![\p{L}])`, 'u');

/** The first person's name a text gives, if any. */
export function personNamed(text: string): string | undefined {
  return NAME.exec(normalizeVietnamese(text))?.[0];
}
