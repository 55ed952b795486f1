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
package io.github.threadmethod.check;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Follows, through a method's bytecode, which stack and local values hold {@code this}
 * (or, in an inner class, the instance of the enclosing class), so that the receiver of a
 * call can be told apart from any other object.
 *
 * @author threadmethod contributors
 */
final class ReceiverInterpreter extends Interpreter<ReceiverInterpreter.Ref> {

	private final @Nullable String outerInstanceField;

	/**
	 * Create an interpreter.
	 * @param outerInstanceField the name of the field in which an inner class keeps the
	 * instance of its enclosing class, or {@code null} outside an inner class
	 */
	ReceiverInterpreter(@Nullable String outerInstanceField) {
		super(Opcodes.ASM9);
		this.outerInstanceField = outerInstanceField;
	}

	@Override
	public @Nullable Ref newValue(@Nullable Type type) {
		if (type == null) {
			return Ref.ONE;
		}
		if (type.getSort() == Type.VOID) {
			return null;
		}
		return (type.getSize() == 2) ? Ref.TWO : Ref.ONE;
	}

	@Override
	public Ref newParameterValue(boolean isInstanceMethod, int local, Type type) {
		return (isInstanceMethod && local == 0) ? Ref.THIS : newValue(type);
	}

	@Override
	public Ref newOperation(AbstractInsnNode insn) {
		switch (insn.getOpcode()) {
			case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1:
				return Ref.TWO;
			case Opcodes.LDC:
				Object constant = ((LdcInsnNode) insn).cst;
				return (constant instanceof Long || constant instanceof Double) ? Ref.TWO : Ref.ONE;
			case Opcodes.GETSTATIC:
				return sized(Type.getType(((FieldInsnNode) insn).desc));
			default:
				return Ref.ONE;
		}
	}

	@Override
	public Ref copyOperation(AbstractInsnNode insn, Ref value) {
		return value;
	}

	@Override
	public @Nullable Ref unaryOperation(AbstractInsnNode insn, Ref value) {
		switch (insn.getOpcode()) {
			case Opcodes.LNEG, Opcodes.DNEG, Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D,
					Opcodes.D2L:
				return Ref.TWO;
			case Opcodes.GETFIELD:
				FieldInsnNode field = (FieldInsnNode) insn;
				if (value == Ref.THIS && field.name.equals(this.outerInstanceField)) {
					return Ref.OUTER;
				}
				return sized(Type.getType(field.desc));
			case Opcodes.CHECKCAST:
				return value;
			default:
				return Ref.ONE;
		}
	}

	@Override
	public Ref binaryOperation(AbstractInsnNode insn, Ref value1, Ref value2) {
		switch (insn.getOpcode()) {
			case Opcodes.LALOAD, Opcodes.DALOAD, Opcodes.LADD, Opcodes.DADD, Opcodes.LSUB, Opcodes.DSUB, Opcodes.LMUL,
					Opcodes.DMUL, Opcodes.LDIV, Opcodes.DDIV, Opcodes.LREM, Opcodes.DREM, Opcodes.LSHL, Opcodes.LSHR,
					Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR:
				return Ref.TWO;
			default:
				return Ref.ONE;
		}
	}

	@Override
	public @Nullable Ref ternaryOperation(AbstractInsnNode insn, Ref value1, Ref value2, Ref value3) {
		return null;
	}

	@Override
	public @Nullable Ref naryOperation(AbstractInsnNode insn, List<? extends Ref> values) {
		if (insn instanceof MethodInsnNode method) {
			return newValue(Type.getReturnType(method.desc));
		}
		if (insn instanceof InvokeDynamicInsnNode dynamic) {
			return newValue(Type.getReturnType(dynamic.desc));
		}
		return Ref.ONE;
	}

	@Override
	public void returnOperation(AbstractInsnNode insn, Ref value, Ref expected) {
	}

	@Override
	public Ref merge(Ref value1, Ref value2) {
		if (value1 == value2) {
			return value1;
		}
		return (value1.getSize() == 2 && value2.getSize() == 2) ? Ref.TWO : Ref.ONE;
	}

	private static Ref sized(Type type) {
		return (type.getSize() == 2) ? Ref.TWO : Ref.ONE;
	}

	/**
	 * Return whether the given handle refers to an instance method, whose first captured
	 * argument is its receiver.
	 * @param handle the handle
	 * @return whether the handle needs a receiver
	 */
	static boolean needsReceiver(Handle handle) {
		int tag = handle.getTag();
		return tag == Opcodes.H_INVOKEVIRTUAL || tag == Opcodes.H_INVOKEINTERFACE || tag == Opcodes.H_INVOKESPECIAL;
	}

	/**
	 * What is known about a value: {@code this}, the enclosing instance, or anything else
	 * of one or two slots.
	 */
	static final class Ref implements Value {

		static final Ref THIS = new Ref(1);

		static final Ref OUTER = new Ref(1);

		static final Ref ONE = new Ref(1);

		static final Ref TWO = new Ref(2);

		private final int size;

		private Ref(int size) {
			this.size = size;
		}

		@Override
		public int getSize() {
			return this.size;
		}

	}

}
