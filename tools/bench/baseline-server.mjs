// The physical limit the service is compared with: a bare node:http server that reads and parses the
// same JSON body and answers a fixed cards response. No framework, no validation, no rules.
import { createServer } from 'node:http';

const response = JSON.stringify({
  cards: [
    {
      uuid: '6f0f5f4e-2f8a-4c8e-9d55-0c5a1c1d9a01',
      summary: 'Postcoital bleeding work-up: history + speculum exam; cervical cytology ± HPV; CT/NG NAAT; hCG',
      indicator: 'info',
      source: { label: 'ASCCP 2017', url: 'https://example.org' },
      extension: { 'org.pcb-cds.rules': ['PCB-10', 'PCB-11', 'PCB-13', 'PCB-14'] },
    },
  ],
});

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  // Named, so that profiles (npm run bench) show the parse as this function's own time.
  req.on('end', function parseBody() {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(response);
    } catch {
      res.writeHead(400);
      res.end();
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`baseline listening on ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
