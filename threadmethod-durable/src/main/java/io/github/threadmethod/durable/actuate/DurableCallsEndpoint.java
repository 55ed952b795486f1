/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.threadmethod.durable.actuate;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.threadmethod.durable.DurableCalls;
import io.github.threadmethod.durable.DurableCalls.StoredCall;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * {@link WebEndpoint @WebEndpoint} of the stored calls of the durable mode, by task:
 * lists the calls of a task that are failed, waiting or running, and, as write
 * operations, runs a call again now, runs every failed call of a task again, or gives a
 * call up, as {@link DurableCalls} does.
 *
 * <ul>
 * <li>{@code GET /actuator/threadmethodcalls/{task}}: the task's calls, the first
 * {@value #LISTED}.</li>
 * <li>{@code POST /actuator/threadmethodcalls/{task}}: run every failed call of the task
 * again.</li>
 * <li>{@code POST /actuator/threadmethodcalls/{id}}: run the call again; its id, as
 * listed, is the two last segments of the path ({@code Mailer.send/5b7e...}).</li>
 * <li>{@code DELETE /actuator/threadmethodcalls/{id}}: give the call up.</li>
 * </ul>
 *
 * A task or a call that is not there is answered with {@code 404}, a call that an
 * instance runs now with {@code 409}, each with a problem detail (RFC 9457) saying why.
 * An endpoint of its own, over HTTP only, beside the read-only {@code threadmethod} one:
 * exposing that one for a dashboard does not expose these actions.
 *
 * @author threadmethod contributors
 * @since 0.1.0
 */
@WebEndpoint(id = "threadmethodcalls")
public class DurableCallsEndpoint {

	/**
	 * The most calls that one read lists.
	 */
	public static final int LISTED = 100;

	private static final MimeType PROBLEM = MimeType.valueOf("application/problem+json");

	private static final int STATUS_CONFLICT = 409;

	private final DurableCalls calls;

	/**
	 * Create an endpoint of the given stored calls.
	 * @param calls the stored calls
	 */
	public DurableCallsEndpoint(DurableCalls calls) {
		this.calls = calls;
	}

	/**
	 * List the stored calls of a task: the failed ones first, the most recently failed
	 * first, then the others by when they run next; the first {@value #LISTED}.
	 * @param task the name of the task
	 * @return the calls, or a problem if the task has none and is not in the durable mode
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> calls(@Selector String task) {
		return respond(() -> new TaskCallsDescriptor(task, this.calls.list(task, LISTED)));
	}

	/**
	 * Run every failed call of a task again, now.
	 * @param task the name of the task
	 * @return how many calls run again, or a problem if the task has none and is not in
	 * the durable mode
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> runFailedAgain(@Selector String task) {
		return respond(() -> new RunAgainDescriptor(task, this.calls.runFailedAgain(task)));
	}

	/**
	 * Run a stored call again, now.
	 * @param task the first part of the call's id: its task's name, or the hash in its
	 * place
	 * @param call the rest of the call's id
	 * @return no content, or a problem if the call is not stored or runs now
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> runAgain(@Selector String task, @Selector String call) {
		return respond(() -> {
			this.calls.runAgain(task + "/" + call);
			return null;
		});
	}

	/**
	 * Give a stored call up: delete it, so that it never runs.
	 * @param task the first part of the call's id: its task's name, or the hash in its
	 * place
	 * @param call the rest of the call's id
	 * @return no content, or a problem if the call is not stored or runs now
	 */
	@DeleteOperation
	public WebEndpointResponse<OperationResponseBody> giveUp(@Selector String task, @Selector String call) {
		return respond(() -> {
			this.calls.giveUp(task + "/" + call);
			return null;
		});
	}

	/**
	 * Answer with what the given action returns, {@code 204} if nothing, or with the
	 * problem that its input is: a task or a call that is not there, or a call that runs.
	 */
	private static WebEndpointResponse<OperationResponseBody> respond(
			Supplier<@Nullable OperationResponseBody> action) {
		OperationResponseBody body;
		try {
			body = action.get();
		}
		catch (NoSuchElementException ex) {
			return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", ex);
		}
		catch (IllegalStateException ex) {
			return problem(STATUS_CONFLICT, "Conflict", ex);
		}
		return (body != null) ? new WebEndpointResponse<>(body)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
	}

	private static WebEndpointResponse<OperationResponseBody> problem(int status, String title, RuntimeException ex) {
		String detail = Objects.requireNonNullElse(ex.getMessage(), title);
		return new WebEndpointResponse<>(new ProblemDescriptor(title, status, detail), status, PROBLEM);
	}

	/**
	 * The stored calls of a task.
	 *
	 * @param task the name of the task
	 * @param calls its calls, at most {@value #LISTED}
	 */
	public record TaskCallsDescriptor(String task, List<StoredCall> calls) implements OperationResponseBody {

	}

	/**
	 * The failed calls of a task that run again.
	 *
	 * @param task the name of the task
	 * @param runAgain how many run again
	 */
	public record RunAgainDescriptor(String task, int runAgain) implements OperationResponseBody {

	}

	/**
	 * Why a request was refused, as a problem detail (RFC 9457) of type
	 * {@code about:blank}.
	 *
	 * @param title the HTTP status's phrase
	 * @param status the HTTP status
	 * @param detail what was wrong with the request
	 */
	public record ProblemDescriptor(String title, int status, String detail) implements OperationResponseBody {

	}

}
