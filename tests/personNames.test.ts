// A person named in an answer is told from a body or a place by the family name that opens a full name.
import { describe, expect, it } from 'vitest';
import { personNamed } from '../src/understanding/personNames.js';

describe('the person an answer names', () => {
  it('finds a full name that opens with a family name, and no body or two-syllable place', () => {
    expect(personNamed('Phó Tổng giám đốc Tổng công ty Đinh Như Hạnh trao tặng Giấy khen')).toBe('Đinh Như Hạnh');
    expect(personNamed('Giám đốc Nguyễn Văn An phát biểu')).toBe('Nguyễn Văn An');
    for (const text of [
      'Công đoàn Tổng Công ty Bưu điện Việt Nam tặng Giấy khen',
      'Bưu điện các huyện Ba Bể, Chợ Mới',
      'tỉnh Bắc Kạn hợp nhất vào tỉnh Thái Nguyên',
      'gửi hàng đi Hà Nội',
    ])
      expect(personNamed(text), text).toBeUndefined();
  });
});
