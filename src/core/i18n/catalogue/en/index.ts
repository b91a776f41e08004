// The English catalogue, one file per area of the product (keys are '<area>.<what>').
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

/** Each area on its own, so a test can find a key defined in two areas. */
export const EN_AREAS = { common, dispatch, help, language, parse, meeting, cpd, goals, reflection, away, progress, digest, report, mentorship, access, planner, demo, cli, platform, reach };
export const en = { ...common, ...dispatch, ...help, ...language, ...parse, ...meeting, ...cpd, ...goals, ...reflection, ...away, ...progress, ...digest, ...report, ...mentorship, ...access, ...planner, ...demo, ...cli, ...platform, ...reach };
export type MessageKey = keyof typeof en;
