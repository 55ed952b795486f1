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

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads the bytecode of a bean class to find the calls it makes on {@code this} to its
 * own {@link FireAndForget @FireAndForget} methods. Such a call never meets the proxy, so
 * it runs synchronously on the caller's thread. Calls made from lambdas, method
 * references, and anonymous or inner classes that use the enclosing instance count too,
 * and so do calls to inherited methods; calls through any other reference (an injected
 * self-reference, another bean, another instance) do not.
 *
 * @author threadmethod contributors
 */
final class SelfInvocationScanner {

	private static final Log logger = LogFactory.getLog(SelfInvocationScanner.class);

	private static final String LAMBDA_PREFIX = "lambda$";

	private final Map<Class<?>, List<SelfCall>> selfCalls = new ConcurrentHashMap<>();

	/**
	 * Find the calls on {@code this} to fire-and-forget methods in the given bean class
	 * and the classes it extends.
	 * @param beanClass the user class of the bean
	 * @param isFireAndForget tells whether a method of the bean class is fire-and-forget
	 * @return one sentence for each finding, naming both ends and the fix
	 */
	List<String> scan(Class<?> beanClass, Predicate<Method> isFireAndForget) {
		Map<String, Method> methods = new HashMap<>();
		ReflectionUtils.doWithMethods(beanClass,
				(method) -> methods.putIfAbsent(method.getName() + Type.getMethodDescriptor(method), method),
				(method) -> !method.isBridge() && !method.isSynthetic());
		Set<String> findings = new LinkedHashSet<>();
		for (Class<?> type = beanClass; type != null && isUserClass(type); type = type.getSuperclass()) {
			for (SelfCall call : this.selfCalls.computeIfAbsent(type, this::findSelfCalls)) {
				Method called = methods.get(call.name() + call.descriptor());
				if (called != null && isFireAndForget.test(called)) {
					findings.add(call.caller() + " calls @FireAndForget " + describe(called)
							+ " on this: that call runs synchronously on the caller's thread; "
							+ "call it through another bean or an injected reference to this bean");
				}
			}
		}
		return List.copyOf(findings);
	}

	/**
	 * Find every call that the code of the given class (and of its inner classes) makes
	 * on {@code this}, whatever it calls. Worked out once per class, however many bean
	 * classes extend it.
	 */
	private List<SelfCall> findSelfCalls(Class<?> type) {
		ClassNode classNode = read(type.getClassLoader(), type.getName().replace('.', '/'));
		if (classNode == null) {
			return List.of();
		}
		List<SelfCall> calls = new ArrayList<>();
		scanMethods(classNode, classNode, null, calls);
		for (InnerClassNode inner : classNode.innerClasses) {
			if (inner.name.startsWith(classNode.name + "$") && !inner.name.equals(classNode.name)) {
				ClassNode innerNode = read(type.getClassLoader(), inner.name);
				String outerField = (innerNode != null) ? outerInstanceField(innerNode, classNode.name) : null;
				if (outerField != null) {
					scanMethods(innerNode, classNode, outerField, calls);
				}
			}
		}
		return calls;
	}

	private void scanMethods(ClassNode classNode, ClassNode outer, @Nullable String outerField, List<SelfCall> calls) {
		ReceiverInterpreter.Ref receiver = (outerField != null) ? ReceiverInterpreter.Ref.OUTER
				: ReceiverInterpreter.Ref.THIS;
		Map<String, MethodNode> lambdaCallers = lambdaCallers(classNode);
		for (MethodNode method : classNode.methods) {
			if ((method.access
					& (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) != 0
					|| ((method.access & Opcodes.ACC_SYNTHETIC) != 0 && !method.name.startsWith(LAMBDA_PREFIX))) {
				// Bridges only forward to the method they stand for
				continue;
			}
			Frame<ReceiverInterpreter.Ref>[] frames = analyze(classNode, method, outerField);
			AbstractInsnNode[] instructions = method.instructions.toArray();
			for (int i = 0; i < instructions.length; i++) {
				Frame<ReceiverInterpreter.Ref> frame = frames[i];
				String[] called = (frame != null) ? calledOnReceiver(instructions[i], frame, receiver) : null;
				if (called != null) {
					calls.add(new SelfCall(describeCaller(classNode, outer, method, lambdaCallers), called[0],
							called[1]));
				}
			}
		}
	}

	private static Frame<ReceiverInterpreter.Ref>[] analyze(ClassNode classNode, MethodNode method,
			@Nullable String outerField) {
		try {
			return new Analyzer<>(new ReceiverInterpreter(outerField)).analyze(classNode.name, method);
		}
		catch (AnalyzerException ex) {
			logger.debug("Could not analyse " + classNode.name + "." + method.name + ": " + ex.getMessage());
			@SuppressWarnings("unchecked")
			Frame<ReceiverInterpreter.Ref>[] none = new Frame[method.instructions.size()];
			return none;
		}
	}

	/**
	 * Return the name and descriptor of the method that the given instruction calls on
	 * the given receiver, directly or by a method reference, or {@code null}.
	 */
	private static String @Nullable [] calledOnReceiver(AbstractInsnNode insn, Frame<ReceiverInterpreter.Ref> frame,
			ReceiverInterpreter.Ref receiver) {
		if (insn instanceof MethodInsnNode call && insn.getOpcode() != Opcodes.INVOKESTATIC
				&& !call.name.equals("<init>")) {
			int receiverSlot = frame.getStackSize() - Type.getArgumentTypes(call.desc).length - 1;
			if (frame.getStack(receiverSlot) == receiver) {
				return new String[] { call.name, call.desc };
			}
		}
		if (insn instanceof InvokeDynamicInsnNode dynamic && dynamic.bsmArgs.length > 1
				&& dynamic.bsmArgs[1] instanceof Handle handle && ReceiverInterpreter.needsReceiver(handle)
				&& Type.getArgumentTypes(dynamic.desc).length > 0) {
			int receiverSlot = frame.getStackSize() - Type.getArgumentTypes(dynamic.desc).length;
			if (frame.getStack(receiverSlot) == receiver) {
				return new String[] { handle.getName(), handle.getDesc() };
			}
		}
		return null;
	}

	private static @Nullable String outerInstanceField(ClassNode inner, String outerName) {
		String outerDescriptor = "L" + outerName + ";";
		for (FieldNode field : inner.fields) {
			if ((field.access & Opcodes.ACC_SYNTHETIC) != 0 && field.desc.equals(outerDescriptor)
					&& field.name.startsWith("this$")) {
				return field.name;
			}
		}
		return null;
	}

	private @Nullable ClassNode read(@Nullable ClassLoader classLoader, String internalName) {
		ClassLoader loader = (classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader();
		if (loader == null) {
			return null;
		}
		try (InputStream bytecode = loader.getResourceAsStream(internalName + ".class")) {
			if (bytecode == null) {
				return null;
			}
			if (logger.isTraceEnabled()) {
				logger.trace("Reading the bytecode of " + internalName.replace('/', '.') + " for calls on this");
			}
			ClassNode classNode = new ClassNode();
			new ClassReader(bytecode).accept(classNode, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
			return classNode;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not read the bytecode of " + internalName + ": " + ex.getMessage());
			return null;
		}
	}

	private static boolean isUserClass(Class<?> type) {
		String name = type.getName();
		return type != Object.class && !name.startsWith("java.") && !name.startsWith("javax.")
				&& !name.startsWith("jakarta.");
	}

	/**
	 * Map the synthetic method of each lambda in the class to the method whose code holds
	 * the lambda.
	 */
	private static Map<String, MethodNode> lambdaCallers(ClassNode classNode) {
		Map<String, MethodNode> callers = new HashMap<>();
		for (MethodNode method : classNode.methods) {
			for (AbstractInsnNode insn : method.instructions) {
				if (insn instanceof InvokeDynamicInsnNode dynamic && dynamic.bsmArgs.length > 1
						&& dynamic.bsmArgs[1] instanceof Handle handle && handle.getOwner().equals(classNode.name)
						&& handle.getName().startsWith(LAMBDA_PREFIX)) {
					callers.put(handle.getName() + handle.getDesc(), method);
				}
			}
		}
		return callers;
	}

	private static String describeCaller(ClassNode classNode, ClassNode outer, MethodNode method,
			Map<String, MethodNode> lambdaCallers) {
		if (classNode != outer) {
			if (classNode.outerMethod != null) {
				return describe(outer.name, classNode.outerMethod, classNode.outerMethodDesc) + " (from "
						+ shortName(classNode.name) + ")";
			}
			return describe(classNode.name, method.name, method.desc);
		}
		MethodNode enclosing = method;
		for (int depth = 0; depth < 8 && enclosing.name.startsWith(LAMBDA_PREFIX); depth++) {
			MethodNode caller = lambdaCallers.get(enclosing.name + enclosing.desc);
			if (caller == null) {
				break;
			}
			enclosing = caller;
		}
		String from = (enclosing != method) ? " (from a lambda)" : "";
		return describe(classNode.name, enclosing.name, enclosing.desc) + from;
	}

	private static String describe(Method method) {
		return describe(Type.getInternalName(method.getDeclaringClass()), method.getName(),
				Type.getMethodDescriptor(method));
	}

	private static String describe(String owner, String name, String descriptor) {
		StringJoiner parameters = new StringJoiner(", ", "(", ")");
		for (Type type : Type.getArgumentTypes(descriptor)) {
			parameters.add(shortName(type.getClassName()));
		}
		return shortName(owner) + "." + name + parameters;
	}

	private static String shortName(String name) {
		String className = name.replace('/', '.');
		return ClassUtils.getShortName(className);
	}

	/**
	 * A call made on {@code this}, as found in the bytecode.
	 *
	 * @param caller the calling method, described for a person
	 * @param name the name of the called method
	 * @param descriptor the descriptor of the called method
	 */
	private record SelfCall(String caller, String name, String descriptor) {

	}

}
