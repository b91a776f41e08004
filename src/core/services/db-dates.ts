// Calendar dates travel as 'YYYY-MM-DD' strings in core and as midnight-UTC Date values in
// Prisma's @db.Date columns. These two are the only conversions.

export function toDbDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromDbDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function fromDbDateOrNull(value: Date | null): string | null {
  return value ? fromDbDate(value) : null;
}
