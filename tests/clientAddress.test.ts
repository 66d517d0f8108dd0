// Per-address limits count an IPv6 client by its /64 (issue 23, item 9): every address of one network is one key.
import { expect, it } from 'vitest';
import { addressKey } from '../src/http/clientAddress.js';

it('keys an IPv6 address by its /64, an IPv4 (also IPv4-mapped) address by itself', () => {
  expect(addressKey('2001:db8:7:1::1')).toBe('2001:db8:7:1::/64');
  expect(addressKey('2001:0db8:0007:0001:ffff:eeee:dddd:cccc')).toBe('2001:db8:7:1::/64');
  expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(addressKey('::1')).toBe('0:0:0:0::/64');
  expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(addressKey('2001:db8:7:2::1')).not.toBe(addressKey('2001:db8:7:1::1'));
  expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
});
