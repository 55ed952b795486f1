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
package io.github.threadmethod.durable;

/**
 * What db-scheduler keeps in {@code task_data} for a durable call: the stored call's
 * JSON, as bytes that only the {@link DurableCallSerializer} ever hands in or out, so
 * that no serializer of the scheduler (Java serialization by default) reads them.
 *
 * @author threadmethod contributors
 */
final class DurableCallData {

	private final byte[] json;

	DurableCallData(byte[] json) {
		this.json = json;
	}

	byte[] json() {
		return this.json;
	}

	@Override
	public String toString() {
		return "DurableCallData (" + this.json.length + " bytes)";
	}

}
