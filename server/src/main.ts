import fs from 'node:fs';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/lock';
import { KeyFileError } from './core/keys';
import { closeOnSignals, startServer } from './server';
import { ensureWebBuilt, webAddress, WEB_INDEX } from './web-build';

try {
  const config = loadConfig();
  // A fresh clone has no web/dist: build it (or rebuild a stale one) before serving (issue 7 §1.21).
  const web = await ensureWebBuilt((msg) => console.log(msg));
  const { app, database } = await startServer(config);
  app.log.info({ db: database.kind, migration: database.migration }, 'Shifan is running');
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (fs.existsSync(WEB_INDEX))
    app.log.info(
      { web: webAddress(config.host, port), built: web.built },
      `Web pages served at ${webAddress(config.host, port)}`,
    );
  else
    app.log.warn(
      { error: web.error ?? null },
      `The web pages are not built (run npm run build:web); the API answers at ${webAddress(config.host, port)}api/`,
    );
  closeOnSignals(app);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof KeyFileError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}
