import {clear, download, errorText, h, localInput, showStatus, table} from './dom.js';

/** Buckets of the account (configured in hive-iot-device-api) and their export as a CSV or JSON download. */
export function render({broker}, root) {
    const listBody = h('tbody', {id: 'bucket-rows'});
    const status = h('p', {class: 'status', id: 'bucket-status'});
    const bucket = h('select', {id: 'export-bucket'});
    const format = h('select', {id: 'export-format'}, h('option', {value: 'csv'}, 'CSV'),
        h('option', {value: 'json'}, 'JSON'));
    const from = h('input', {type: 'datetime-local', id: 'export-from', value: localInput(Date.now() - 86400000)});
    const to = h('input', {type: 'datetime-local', id: 'export-to', value: localInput(Date.now() + 60000)});
    const list = table(['bucket', 'topic filter'], []);
    list.querySelector('tbody').replaceWith(listBody);
    clear(root,
        h('section', {class: 'panel'}, h('h1', {}, 'Buckets'), list),
        h('section', {class: 'panel'}, h('h2', {}, 'Export'),
            h('form', {class: 'row', onsubmit: exportBucket}, h('label', {}, 'Bucket', bucket),
                h('label', {}, 'Format', format), h('label', {}, 'From', from), h('label', {}, 'To', to),
                h('button', {type: 'submit', id: 'export-button'}, 'Download')),
            status));

    async function load() {
        try {
            const result = await broker.request('devices', 'bucket.list');
            clear(listBody, result.buckets.map(b => h('tr', {}, h('td', {}, b.name), h('td', {class: 'mono'},
                b.topicFilter))));
            clear(bucket, result.buckets.map(b => h('option', {}, b.name)));
            showStatus(status, result.buckets.length ? '' : 'no buckets configured for this account');
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    async function exportBucket(event) {
        event.preventDefault();
        const args = {bucket: bucket.value, format: format.value, from: new Date(from.value).getTime(),
            to: new Date(to.value).getTime(), limit: 10000};
        showStatus(status, 'exporting…');
        try {
            const records = [];
            let csv = '';
            let count = 0;
            for (;;) {
                const page = await broker.request('devices', 'bucket.export', args, 60000);
                count += page.count;
                if (args.format === 'csv') {
                    // every page repeats the header line; keep the first
                    csv += csv ? page.csv.slice(page.csv.indexOf('\n') + 1) : page.csv;
                } else {
                    records.push(...page.records);
                }
                if (!page.cursor) {
                    break;
                }
                args.cursor = page.cursor;
            }
            const text = args.format === 'csv' ? csv : JSON.stringify(records, null, 2);
            download(`${args.bucket}.${args.format}`, args.format === 'csv' ? 'text/csv' : 'application/json', text);
            showStatus(status, `${count} records exported`, 'ok');
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    load();
}
