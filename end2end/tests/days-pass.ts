import { execFileSync } from 'child_process';
import * as path from 'path';

/** Moves one listed candidate's text `days` days into the past in the site's database, as if that
 * many days had passed since the gateway accepted it: the browser tests cannot wait five days,
 * and the site's clock is the machine's. Only the date part of the stored moment changes. */
export function daysPassSinceTheText(examCode: string, idNumber: string, days: number): void {
  const dataDir = process.env.ZIGE_DATA_DIR;
  if (!dataDir) throw new Error('ZIGE_DATA_DIR is not set: run the browser tests with ./scripts/test.sh');
  const script = `
import sqlite3, sys, datetime
db, exam, id_number, days = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
connection = sqlite3.connect(db, timeout=10)
(noticed,) = connection.execute(
    "SELECT noticed_at FROM eligible_candidates WHERE exam_code = ? AND id_number = ?", (exam, id_number)).fetchone()
if noticed is None:
    sys.exit("no text was accepted for this candidate")
earlier = datetime.date.fromisoformat(noticed[:10]) - datetime.timedelta(days=days)
connection.execute(
    "UPDATE eligible_candidates SET noticed_at = ? WHERE exam_code = ? AND id_number = ?",
    (earlier.isoformat() + noticed[10:], exam, id_number))
connection.commit()
`;
  execFileSync('python3', ['-c', script, path.join(dataDir, 'zige.db'), examCode, idNumber, String(days)]);
}
