// The French catalogue: the same keys as the English one, area by area (checked by the typecheck).
import type { MessageKey } from '../en/index.js';
import { common } from './common.js';
import { dispatch } from './dispatch.js';
import { help } from './help.js';
import { language } from './language.js';
import { parse } from './parse.js';
import { meeting } from './meeting.js';
import { cpd } from './cpd.js';
import { goals } from './goals.js';
import { reflection } from './reflection.js';
import { away } from './away.js';
import { progress } from './progress.js';
import { digest } from './digest.js';
import { report } from './report.js';
import { mentorship } from './mentorship.js';
import { access } from './access.js';
import { planner } from './planner.js';
import { demo } from './demo.js';
import { cli } from './cli.js';
import { platform } from './platform.js';
import { reach } from './reach.js';

export const FR_AREAS = { common, dispatch, help, language, parse, meeting, cpd, goals, reflection, away, progress, digest, report, mentorship, access, planner, demo, cli, platform, reach };
export const fr: Readonly<Record<MessageKey, string>> = { ...common, ...dispatch, ...help, ...language, ...parse, ...meeting, ...cpd, ...goals, ...reflection, ...away, ...progress, ...digest, ...report, ...mentorship, ...access, ...planner, ...demo, ...cli, ...platform, ...reach };
