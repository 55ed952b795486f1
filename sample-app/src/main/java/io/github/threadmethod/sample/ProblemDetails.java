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
package io.github.threadmethod.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every rejected request with an RFC 9457 problem detail, using Spring MVC's own
 * handling of its exceptions. Adds what it leaves out: which fields failed validation,
 * and the answer to a body that is too large.
 *
 * @author threadmethod contributors
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (NestedExceptionUtils.getRootCause(ex) instanceof RequestBodyTooLargeException tooLarge) {
			return handleTooLarge(tooLarge, request);
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody()
			.setProperty("errors",
					ex.getBindingResult()
						.getFieldErrors()
						.stream()
						.map((error) -> error.getField() + ": " + error.getDefaultMessage())
						.toList());
		return super.handleMethodArgumentNotValid(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody()
			.setProperty("errors", ex.getParameterValidationResults()
				.stream()
				.flatMap((result) -> result.getResolvableErrors()
					.stream()
					.map((error) -> result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage()))
				.toList());
		return super.handleHandlerMethodValidationException(ex, headers, status, request);
	}

	@ExceptionHandler
	@Nullable ResponseEntity<Object> handleTooLarge(RequestBodyTooLargeException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
	}

}
