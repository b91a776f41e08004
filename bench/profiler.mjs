import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
const dir = process.env.BENCH_PROFILE_DIR;
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.on('exit', () => {
  session.post('Profiler.stop', (err, { profile }) => {
    if (!err) writeFileSync(`${dir}/bot-${process.pid}.cpuprofile`, JSON.stringify(profile));
  });
});
