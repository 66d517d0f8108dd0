// Times shown to citizens and stored on records are Vietnamese local time (Asia/Ho_Chi_Minh, UTC+7 all year).
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

export interface LocalTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM:SS
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  minutes: number; // since local midnight
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function localTime(at: Date): LocalTime {
  const part = Object.fromEntries(FORMAT.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}:${part.second}`,
    weekday: WEEKDAYS.indexOf(part.weekday!) + 1,
    minutes: Number(part.hour) * 60 + Number(part.minute),
  };
}

/** ISO 8601 with the Vietnamese offset, e.g. 2026-11-26T15:07:12+07:00: sortable and readable as local time. */
export function vnTimestamp(at: Date): string {
  const { date, time } = localTime(at);
  return `${date}T${time}+07:00`;
}

/** "15:07 ngày 26/11/2026", as a citizen reads it. */
export function vnDisplay(at: Date): string {
  const { date, time } = localTime(at);
  const [y, m, d] = date.split('-');
  return `${time.slice(0, 5)} ngày ${d}/${m}/${y}`;
}
