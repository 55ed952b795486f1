// The sample's page: submits jobs to the app's JSON API (POST /jobs) and follows each one
// (GET /jobs/{id}) until it ends. Plain JavaScript, no build step, nothing loaded from
// elsewhere.
'use strict';

(() => {
	// How often the unfinished jobs are read again, and how many recent jobs the page opens with
	const POLL_MILLIS = 500;
	const RECENT = 10;

	const LABELS = {
		ACCEPTED: 'Accepted',
		RUNNING: 'Running',
		DONE: 'Done',
		FAILED: 'Failed',
		ABANDONED: 'Abandoned',
	};
	const ENDED = new Set(['DONE', 'FAILED', 'ABANDONED']);
	// A rejected request is answered with a problem detail
	const JSON_HEADERS = { Accept: 'application/json, application/problem+json' };

	const form = document.getElementById('job-form');
	const text = document.getElementById('text');
	const simulateFailure = document.getElementById('simulate-failure');
	const problem = document.getElementById('problem');
	const status = document.getElementById('status');
	const table = document.getElementById('jobs');
	const rows = table.querySelector('tbody');
	const noJobs = document.getElementById('no-jobs');

	// Each job shown, by id: the job as last read, its row and, for the jobs submitted from
	// this page, their text and how long their submission took to be answered
	const shown = new Map();
	let pollScheduled = false;

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		submit();
	});
	loadRecent();

	async function submit() {
		const request = { text: text.value, simulateFailure: simulateFailure.checked };
		let response;
		let body;
		let answeredIn;
		const start = performance.now();
		try {
			response = await fetch('jobs', {
				method: 'POST',
				headers: { ...JSON_HEADERS, 'Content-Type': 'application/json' },
				body: JSON.stringify(request),
			});
			body = await readBody(response);
			answeredIn = performance.now() - start;
		}
		catch (error) {
			showProblem({ title: 'The app did not answer', detail: error.message });
			return;
		}
		if (!response.ok) {
			showProblem(problemOf(response, body));
			return;
		}
		clearProblem();
		show(body, { text: request.text, answeredIn }, true);
		announce(`Job ${shortId(body.id)} ${label(body.state).toLowerCase()}: answered in ${duration(answeredIn)}.`);
		schedulePoll();
	}

	async function loadRecent() {
		try {
			const response = await fetch(`jobs?limit=${RECENT}`, { headers: JSON_HEADERS });
			if (!response.ok) {
				announce('The recent jobs could not be read.');
				return;
			}
			// Newest first, below any job submitted while the list was on its way
			for (const job of await response.json()) {
				show(job, {}, false);
			}
			schedulePoll();
		}
		catch (error) {
			announce(`The app did not answer: ${error.message}`);
		}
		finally {
			table.setAttribute('aria-busy', 'false');
		}
	}

	function schedulePoll() {
		if (!pollScheduled && unfinished().length > 0) {
			pollScheduled = true;
			setTimeout(poll, POLL_MILLIS);
		}
	}

	async function poll() {
		await Promise.all(unfinished().map(refresh));
		pollScheduled = false;
		schedulePoll();
	}

	function unfinished() {
		return [...shown.values()].filter((entry) => !ENDED.has(entry.job.state));
	}

	async function refresh(entry) {
		try {
			const response = await fetch(`jobs/${entry.job.id}`, { headers: JSON_HEADERS });
			if (response.status === 404) {
				// Gone from the database: nothing more will happen to it
				shown.delete(entry.job.id);
				entry.row.remove();
				showTableIfAny();
				return;
			}
			if (response.ok) {
				const job = await response.json();
				if (JSON.stringify(job) === JSON.stringify(entry.job)) {
					return;
				}
				const changed = job.state !== entry.job.state;
				entry.job = job;
				render(entry);
				if (changed) {
					const after = took(job);
					announce(`Job ${shortId(job.id)} ${label(job.state).toLowerCase()}${after ? ` after ${after}` : ''}.`);
				}
			}
		}
		catch (error) {
			// The app is unreachable for now: the next poll tries again
		}
	}

	function show(job, local, newest) {
		const known = shown.get(job.id);
		if (known) {
			known.job = job;
			render(known);
			return;
		}
		const entry = { job, row: createRow(job, local.text), text: local.text, answeredIn: local.answeredIn };
		shown.set(job.id, entry);
		if (newest) {
			rows.prepend(entry.row);
		}
		else {
			rows.append(entry.row);
		}
		showTableIfAny();
		render(entry);
	}

	function showTableIfAny() {
		table.hidden = shown.size === 0;
		noJobs.hidden = !table.hidden;
	}

	function createRow(job, submittedText) {
		const row = document.createElement('tr');
		row.dataset.jobId = job.id;
		const cell = document.createElement('td');
		cell.className = 'job';
		const link = element('a', 'job-id', shortId(job.id));
		link.href = `jobs/${job.id}`;
		link.title = `Job ${job.id}, as JSON`;
		cell.append(link);
		if (submittedText !== undefined) {
			cell.append(element('span', 'job-text', submittedText));
		}
		cell.append(element('span', 'job-mode', `${job.mode} mode`));
		row.append(cell, element('td', 'job-status'), element('td', 'number job-answered'),
			element('td', 'number job-took'), element('td', 'job-result'));
		return row;
	}

	function render(entry) {
		const job = entry.job;
		const row = entry.row;
		const state = element('span', `job-state ${job.state.toLowerCase()}`, label(job.state));
		const statusCell = row.querySelector('.job-status');
		statusCell.replaceChildren(state);
		// A durable job's work may start more than once: on another instance, when the
		// one running it died
		if (job.mode === 'durable' && job.attempts > 0) {
			statusCell.append(element('span', 'attempts', job.attempts === 1 ? '1 attempt' : `${job.attempts} attempts`));
		}
		fill(row.querySelector('.job-answered'), entry.answeredIn !== undefined ? duration(entry.answeredIn) : null,
			'not submitted from this page');
		fill(row.querySelector('.job-took'), took(job), 'not finished');
		row.querySelector('.job-result').replaceChildren(...result(job));
	}

	function result(job) {
		switch (job.state) {
			case 'DONE': {
				const analysis = job.result;
				const words = element('span', null, `${analysis.words} words, ${analysis.distinctWords} distinct`);
				if (analysis.topWords.length === 0) {
					return [words];
				}
				return [words, document.createElement('br'), element('span', null, `top: ${analysis.topWords.join(', ')}`)];
			}
			case 'FAILED':
			case 'ABANDONED':
				return [element('span', 'error', job.error || 'No error recorded')];
			case 'RUNNING':
				return ['Working…'];
			default:
				return ['Waiting to start'];
		}
	}

	// A value, or a dash that screen readers hear as the reason there is none
	function fill(cell, value, reason) {
		if (value !== null) {
			cell.replaceChildren(value);
			return;
		}
		const dash = element('span', null, '—');
		dash.setAttribute('aria-hidden', 'true');
		cell.replaceChildren(dash, element('span', 'visually-hidden', reason));
	}

	// From submission to end, by the app's clock
	function took(job) {
		if (!ENDED.has(job.state) || !job.finishedAt) {
			return null;
		}
		return duration(instant(job.finishedAt) - instant(job.submittedAt));
	}

	function showProblem(details) {
		const title = element('p', 'problem-title', details.status ? `${details.title} (${details.status})` : details.title);
		const parts = [title];
		if (details.detail) {
			parts.push(element('p', null, details.detail));
		}
		if (Array.isArray(details.errors) && details.errors.length > 0) {
			const list = document.createElement('ul');
			list.append(...details.errors.map((error) => element('li', null, error)));
			parts.push(list);
		}
		problem.replaceChildren(...parts);
		text.setAttribute('aria-invalid', 'true');
		text.focus();
	}

	function clearProblem() {
		problem.replaceChildren();
		text.removeAttribute('aria-invalid');
	}

	// The API answers a rejected request with an RFC 9457 problem detail; anything else
	// (a proxy's error page, say) is shown by its status
	function problemOf(response, body) {
		if (body && typeof body === 'object') {
			return {
				title: body.title || response.statusText || 'Rejected',
				status: body.status || response.status,
				detail: body.detail,
				errors: body.errors,
			};
		}
		return { title: response.statusText || 'Rejected', status: response.status };
	}

	async function readBody(response) {
		const type = response.headers.get('Content-Type') || '';
		return type.includes('json') ? response.json() : response.text();
	}

	function announce(message) {
		status.textContent = message;
	}

	function element(name, className, content) {
		const created = document.createElement(name);
		if (className) {
			created.className = className;
		}
		if (content !== undefined) {
			created.textContent = content;
		}
		return created;
	}

	function label(state) {
		return LABELS[state] || state;
	}

	function shortId(id) {
		return id.slice(0, 8);
	}

	// Instants come as ISO-8601 text, with up to nanoseconds: Date takes milliseconds
	function instant(value) {
		return typeof value === 'number' ? value * 1000 : Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
	}

	function duration(millis) {
		if (millis < 10) {
			return `${millis.toFixed(1)} ms`;
		}
		if (millis < 1000) {
			return `${Math.round(millis)} ms`;
		}
		const seconds = millis / 1000;
		return `${seconds.toFixed(seconds < 10 ? 2 : seconds < 100 ? 1 : 0)} s`;
	}
})();
