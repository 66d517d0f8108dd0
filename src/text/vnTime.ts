// Times shown to citizens and stored on records are Vietnamese local time (Asia/Ho_Chi_Minh, UTC+7 all year).

// Vietnam has kept UTC+7, without daylight saving, since 1975: plain arithmetic, far cheaper than Intl per call.
const OFFSET_MS = 7 * 3600_000;

export interface LocalTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM:SS
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  minutes: number; // since local midnight
}

export function localTime(at: Date): LocalTime {
  const local = new Date(at.getTime() + OFFSET_MS);
  const iso = local.toISOString();
  return {
    date: iso.slice(0, 10),
    time: iso.slice(11, 19),
    weekday: local.getUTCDay() || 7,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** ISO 8601 with the Vietnamese offset, e.g. 2026-11-26T15:07:12+07:00: sortable and readable as local time. */
export function vnTimestamp(at: Date): string {
  const second = Math.floor(at.getTime() / 1000);
  if (second !== lastStamp.second) {
    const { date, time } = localTime(at);
    lastStamp = { second, text: `${date}T${time}+07:00` };
  }
  return lastStamp.text;
}

/** The last second stamped: a turn stamps its question and its reply, and busy turns share a second. */
let lastStamp = { second: NaN, text: '' };

/** "15:07 ngày 26/11/2026", as a citizen reads it. */
export function vnDisplay(at: Date): string {
  const { date, time } = localTime(at);
  const [y, m, d] = date.split('-');
  return `${time.slice(0, 5)} ngày ${d}/${m}/${y}`;
}
