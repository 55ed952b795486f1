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
 * or, in a class nested in other classes, one of its enclosing instances, so that the
 * receiver of a call can be told apart from any other object.
 *
 * @author threadmethod contributors
 */
final class ReceiverInterpreter extends Interpreter<ReceiverInterpreter.Ref> {

	private final List<OuterField> path;

	private final boolean outerParameter;

	private final Ref[] levels;

	/**
	 * Create an interpreter.
	 * @param path the fields that lead from {@code this} to the instance whose calls
	 * count, each held by the class that the previous one leads to; empty when that
	 * instance is {@code this}
	 * @param outerParameter whether the method is the constructor of a nested class,
	 * whose first parameter is the enclosing instance before it is stored in a field
	 */
	ReceiverInterpreter(List<OuterField> path, boolean outerParameter) {
		super(Opcodes.ASM9);
		this.path = path;
		this.outerParameter = outerParameter && !path.isEmpty();
		this.levels = new Ref[path.size() + 1];
		this.levels[0] = Ref.THIS;
		for (int level = 1; level < this.levels.length; level++) {
			this.levels[level] = new Ref(1);
		}
	}

	/**
	 * Return the value that stands for the instance whose calls count: {@code this}, or
	 * the enclosing instance at the end of the path.
	 * @return the value of the receiver
	 */
	Ref receiver() {
		return this.levels[this.levels.length - 1];
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
		if (isInstanceMethod && local == 0) {
			return Ref.THIS;
		}
		if (isInstanceMethod && local == 1 && this.outerParameter
				&& type.getInternalName().equals(this.path.get(0).type())) {
			// javac reads the enclosing instance from this parameter in a constructor
			return this.levels[1];
		}
		return newValue(type);
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
				int level = levelOf(value);
				if (level >= 0 && level < this.path.size() && this.path.get(level).isReadBy(field)) {
					return this.levels[level + 1];
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

	private int levelOf(Ref value) {
		for (int level = 0; level < this.levels.length; level++) {
			if (this.levels[level] == value) {
				return level;
			}
		}
		return -1;
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
	 * The synthetic field in which a nested class keeps the instance of the class that
	 * encloses it.
	 *
	 * @param owner the internal name of the nested class
	 * @param name the name of the field
	 * @param type the internal name of the enclosing class
	 */
	record OuterField(String owner, String name, String type) {

		boolean isReadBy(FieldInsnNode insn) {
			return insn.owner.equals(this.owner) && insn.name.equals(this.name);
		}

	}

	/**
	 * What is known about a value: {@code this}, an enclosing instance, or anything else
	 * of one or two slots.
	 */
	static final class Ref implements Value {

		static final Ref THIS = new Ref(1);

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
