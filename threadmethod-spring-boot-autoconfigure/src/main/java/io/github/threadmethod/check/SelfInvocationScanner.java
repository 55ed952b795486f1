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
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForget;
import io.github.threadmethod.support.MethodDescriptions;
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

import org.springframework.core.BridgeMethodResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads the bytecode of a bean class to find the calls it makes on {@code this} to its
 * own {@link FireAndForget @FireAndForget} methods. Such a call never meets the proxy, so
 * it runs synchronously on the caller's thread. Calls made from lambdas, method
 * references, anonymous, local and inner classes nested at any depth that use the
 * enclosing instance, superclasses and interface default methods count too, and so do
 * calls to inherited methods; calls through any other reference (an injected
 * self-reference, another bean, another instance) do not.
 *
 * @author threadmethod contributors
 */
final class SelfInvocationScanner {

	private static final Log logger = LogFactory.getLog(SelfInvocationScanner.class);

	private static final String LAMBDA_PREFIX = "lambda$";

	private static final String ANALYSING = "Analysing ";

	private static final int MAX_NESTING = 8;

	// The code of each class read, shared by every bean class that extends it; dropped
	// once start-up is over, so that the parsed bytecode is not kept for the life of the
	// application
	private final Map<Class<?>, List<MethodCode>> code = new ConcurrentHashMap<>();

	/**
	 * Let go of the bytecode read so far. A class asked about later (a lazy bean's) is
	 * read again.
	 */
	void forgetCode() {
		this.code.clear();
	}

	/**
	 * Find the calls on {@code this} to fire-and-forget methods in the given bean class,
	 * the classes it extends and the default methods of the interfaces it implements.
	 * @param beanClass the user class of the bean
	 * @param isFireAndForget tells whether a method of the bean class is fire-and-forget
	 * @return one sentence for each finding, naming both ends and the fix
	 */
	List<String> scan(Class<?> beanClass, Predicate<Method> isFireAndForget) {
		List<Method> candidates = new ArrayList<>();
		Map<Method, Boolean> fireAndForget = new HashMap<>();
		Set<String> names = new HashSet<>();
		ReflectionUtils.doWithMethods(beanClass, (method) -> {
			candidates.add(method);
			int modifiers = method.getModifiers();
			if (!method.isBridge() && !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers)
					&& fireAndForget.computeIfAbsent(method, isFireAndForget::test)) {
				names.add(method.getName());
			}
		}, (method) -> method.isBridge() || !method.isSynthetic());
		if (names.isEmpty()) {
			return List.of();
		}
		Map<String, Class<?>> supertypes = supertypes(beanClass);
		Set<String> findings = new LinkedHashSet<>();
		// The methods by name and descriptor, as calls name them: only needed, and worked
		// out, once a call on this is found
		Map<String, Method> methods = new HashMap<>();
		for (Class<?> type : supertypes.values()) {
			if (!isUserClass(type)) {
				continue;
			}
			for (SelfCall call : selfCalls(type, names)) {
				if (methods.isEmpty()) {
					for (Method method : candidates) {
						// A bridge stands for the method it forwards to: a call through a
						// generic supertype names the bridge's descriptor
						methods.putIfAbsent(method.getName() + Type.getMethodDescriptor(method),
								BridgeMethodResolver.findBridgedMethod(method));
					}
				}
				Method called = (!call.callsOverridden()) ? target(call, supertypes, methods) : null;
				if (called != null && fireAndForget.computeIfAbsent(called, isFireAndForget::test)) {
					findings.add(call.caller() + " calls @FireAndForget " + MethodDescriptions.brief(called)
							+ " on this: that call runs synchronously on the caller's thread; move the body into a "
							+ "private method that the @FireAndForget method calls, or call it through another bean "
							+ "or an injected reference to this bean");
				}
			}
		}
		return List.copyOf(findings);
	}

	/**
	 * Return the method whose body the given call runs, as the JVM selects it for an
	 * instance of the bean class.
	 */
	private static @Nullable Method target(SelfCall call, Map<String, Class<?>> supertypes,
			Map<String, Method> methods) {
		Class<?> owner = supertypes.get(call.owner());
		if (owner != null) {
			Method declared = declaredMethod(owner, call.name(), call.descriptor());
			if (declared != null && Modifier.isPrivate(declared.getModifiers())) {
				// Never overridden: a subclass method of the same signature is another
				return null;
			}
			if (call.opcode() == Opcodes.INVOKESPECIAL) {
				// super.method(): the body of the superclass runs, whatever overrides it
				return inheritedMethod(owner, call.name(), call.descriptor());
			}
		}
		return methods.get(call.name() + call.descriptor());
	}

	private static @Nullable Method inheritedMethod(Class<?> owner, String name, String descriptor) {
		for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
			Method declared = declaredMethod(type, name, descriptor);
			if (declared != null) {
				return BridgeMethodResolver.findBridgedMethod(declared);
			}
		}
		for (Class<?> ifc : ClassUtils.getAllInterfacesForClassAsSet(owner)) {
			Method declared = declaredMethod(ifc, name, descriptor);
			if (declared != null && declared.isDefault()) {
				return declared;
			}
		}
		return null;
	}

	private static @Nullable Method declaredMethod(Class<?> type, String name, String descriptor) {
		for (Method method : type.getDeclaredMethods()) {
			if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
				return method;
			}
		}
		return null;
	}

	/**
	 * Map the internal name of the bean class, of each class it extends and of each
	 * interface they implement to that type, as calls in the bytecode name their owners.
	 * Classes come first, from the bean class up.
	 */
	private static Map<String, Class<?>> supertypes(Class<?> beanClass) {
		Map<String, Class<?>> supertypes = new LinkedHashMap<>();
		for (Class<?> type = beanClass; type != null; type = type.getSuperclass()) {
			supertypes.put(Type.getInternalName(type), type);
		}
		List<Class<?>> pending = new ArrayList<>();
		for (Class<?> type = beanClass; type != null; type = type.getSuperclass()) {
			pending.addAll(List.of(type.getInterfaces()));
		}
		while (!pending.isEmpty()) {
			Class<?> ifc = pending.remove(0);
			if (supertypes.putIfAbsent(Type.getInternalName(ifc), ifc) == null) {
				pending.addAll(List.of(ifc.getInterfaces()));
			}
		}
		return supertypes;
	}

	/**
	 * Return the calls on {@code this} made by the code of the given type that may call a
	 * method of one of the given names. Only that code is analysed, once.
	 */
	private List<SelfCall> selfCalls(Class<?> type, Set<String> names) {
		List<SelfCall> calls = new ArrayList<>();
		for (MethodCode methodCode : this.code.computeIfAbsent(type, this::readCode)) {
			if (methodCode.mayCall(names)) {
				calls.addAll(methodCode.selfCalls());
			}
		}
		return calls;
	}

	/**
	 * Read the code of the given class or interface, and of the classes nested in it that
	 * hold its instance, that calls instance methods. Read once per type, however many
	 * bean classes extend it.
	 */
	private List<MethodCode> readCode(Class<?> type) {
		ClassNode classNode = read(type.getClassLoader(), Type.getInternalName(type));
		if (classNode == null) {
			return List.of();
		}
		List<MethodCode> code = new ArrayList<>();
		Set<String> seen = new HashSet<>(Set.of(classNode.name));
		collectCode(type.getClassLoader(), List.of(classNode), List.of(), seen, code);
		return code;
	}

	/**
	 * Collect the code of the innermost of the given nested classes, then of the classes
	 * nested in it, at any depth.
	 * @param enclosing the classes from the bean's type inwards
	 * @param path the fields that lead from the innermost class to the outermost one
	 */
	private void collectCode(@Nullable ClassLoader classLoader, List<ClassNode> enclosing,
			List<ReceiverInterpreter.OuterField> path, Set<String> seen, List<MethodCode> code) {
		ClassNode classNode = enclosing.get(enclosing.size() - 1);
		Map<String, MethodNode> lambdaCallers = lambdaCallers(classNode);
		Map<String, String> bridgeTargets = bridgeTargets(classNode);
		for (MethodNode method : classNode.methods) {
			if ((method.access
					& (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) != 0
					|| ((method.access & Opcodes.ACC_SYNTHETIC) != 0 && !method.name.startsWith(LAMBDA_PREFIX))) {
				// Bridges only forward to the method they stand for
				continue;
			}
			Set<String> invoked = invokedNames(method);
			if (!invoked.isEmpty()) {
				code.add(new MethodCode(enclosing, path, method, enclosingMethod(method, lambdaCallers), bridgeTargets,
						invoked));
			}
		}
		if (enclosing.size() > MAX_NESTING) {
			return;
		}
		for (InnerClassNode inner : classNode.innerClasses) {
			if (isNestedIn(inner, classNode.name) && seen.add(inner.name)) {
				ClassNode innerNode = read(classLoader, inner.name);
				String outerField = (innerNode != null) ? outerInstanceField(innerNode, classNode.name) : null;
				if (innerNode != null && outerField != null) {
					List<ClassNode> innerEnclosing = new ArrayList<>(enclosing);
					innerEnclosing.add(innerNode);
					List<ReceiverInterpreter.OuterField> innerPath = new ArrayList<>();
					innerPath.add(new ReceiverInterpreter.OuterField(innerNode.name, outerField, classNode.name));
					innerPath.addAll(path);
					collectCode(classLoader, innerEnclosing, innerPath, seen, code);
				}
			}
		}
	}

	/**
	 * Return whether the given entry of the {@code InnerClasses} attribute is a class
	 * declared directly in the given one; the attribute also lists classes nested deeper
	 * and the classes that enclose the one that holds it.
	 */
	private static boolean isNestedIn(InnerClassNode inner, String outerName) {
		if (!inner.name.startsWith(outerName + "$")) {
			return false;
		}
		if (inner.outerName != null) {
			return inner.outerName.equals(outerName);
		}
		// Anonymous and local classes name no outer class, but javac nests their names
		return inner.name.indexOf('$', outerName.length() + 1) < 0;
	}

	/**
	 * Return the names of the instance methods that the given method calls, or refers to
	 * by a method reference: only a call to one of them can be a call on {@code this}.
	 */
	private static Set<String> invokedNames(MethodNode method) {
		Set<String> names = new HashSet<>();
		for (AbstractInsnNode insn : method.instructions) {
			if (insn instanceof MethodInsnNode call && insn.getOpcode() != Opcodes.INVOKESTATIC
					&& !call.name.equals("<init>")) {
				names.add(call.name);
			}
			else if (insn instanceof InvokeDynamicInsnNode dynamic && dynamic.bsmArgs.length > 1
					&& dynamic.bsmArgs[1] instanceof Handle handle && ReceiverInterpreter.needsReceiver(handle)) {
				names.add(handle.getName());
			}
		}
		return names;
	}

	/**
	 * Find the calls that the given method makes on {@code this}, or on the outermost
	 * instance at the end of the path, whatever they call.
	 */
	private static List<SelfCall> analyse(List<ClassNode> enclosing, List<ReceiverInterpreter.OuterField> path,
			MethodNode method, MethodNode enclosingMethod, Map<String, String> bridgeTargets) {
		ClassNode classNode = enclosing.get(enclosing.size() - 1);
		if (logger.isTraceEnabled()) {
			logger.trace(ANALYSING + classNode.name.replace('/', '.') + "." + method.name + " for calls on this");
		}
		boolean nested = !path.isEmpty();
		ReceiverInterpreter interpreter = new ReceiverInterpreter(path, nested && method.name.equals("<init>"));
		Frame<ReceiverInterpreter.Ref>[] frames = analyze(classNode, method, interpreter);
		AbstractInsnNode[] instructions = method.instructions.toArray();
		String enclosingKey = enclosingMethod.name + enclosingMethod.desc;
		List<SelfCall> calls = new ArrayList<>();
		for (int i = 0; i < instructions.length; i++) {
			Frame<ReceiverInterpreter.Ref> frame = frames[i];
			Call called = (frame != null) ? calledOnReceiver(instructions[i], frame, interpreter.receiver()) : null;
			if (called != null) {
				String key = called.name() + called.descriptor();
				// The override that hands on to the method it overrides runs that body on
				// purpose, in the thread the proxy chose for the override
				boolean callsOverridden = !nested && called.opcode() == Opcodes.INVOKESPECIAL
						&& (key.equals(enclosingKey) || enclosingKey.equals(bridgeTargets.get(key)));
				calls.add(new SelfCall(describeCaller(enclosing, path, method, enclosingMethod), called.owner(),
						called.name(), called.descriptor(), called.opcode(), callsOverridden));
			}
		}
		return List.copyOf(calls);
	}

	private static Frame<ReceiverInterpreter.Ref>[] analyze(ClassNode classNode, MethodNode method,
			ReceiverInterpreter interpreter) {
		try {
			return new Analyzer<>(interpreter).analyze(classNode.name, method);
		}
		catch (AnalyzerException ex) {
			logger.debug("Could not analyse " + classNode.name + "." + method.name + ": " + ex.getMessage());
			@SuppressWarnings("unchecked")
			Frame<ReceiverInterpreter.Ref>[] none = new Frame[method.instructions.size()];
			return none;
		}
	}

	/**
	 * Return the method that the given instruction calls on the given receiver, directly
	 * or by a method reference, or {@code null}.
	 */
	private static @Nullable Call calledOnReceiver(AbstractInsnNode insn, Frame<ReceiverInterpreter.Ref> frame,
			ReceiverInterpreter.Ref receiver) {
		if (insn instanceof MethodInsnNode call && insn.getOpcode() != Opcodes.INVOKESTATIC
				&& !call.name.equals("<init>")) {
			int receiverSlot = frame.getStackSize() - Type.getArgumentTypes(call.desc).length - 1;
			if (frame.getStack(receiverSlot) == receiver) {
				return new Call(call.owner, call.name, call.desc, call.getOpcode());
			}
		}
		if (insn instanceof InvokeDynamicInsnNode dynamic && dynamic.bsmArgs.length > 1
				&& dynamic.bsmArgs[1] instanceof Handle handle && ReceiverInterpreter.needsReceiver(handle)
				&& Type.getArgumentTypes(dynamic.desc).length > 0) {
			int receiverSlot = frame.getStackSize() - Type.getArgumentTypes(dynamic.desc).length;
			if (frame.getStack(receiverSlot) == receiver) {
				int opcode = (handle.getTag() == Opcodes.H_INVOKESPECIAL) ? Opcodes.INVOKESPECIAL
						: Opcodes.INVOKEVIRTUAL;
				return new Call(handle.getOwner(), handle.getName(), handle.getDesc(), opcode);
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

	/**
	 * Map the name and descriptor of each bridge method in the class to those of the
	 * method it forwards to.
	 */
	private static Map<String, String> bridgeTargets(ClassNode classNode) {
		Map<String, String> targets = new HashMap<>();
		for (MethodNode method : classNode.methods) {
			if ((method.access & Opcodes.ACC_BRIDGE) != 0) {
				for (AbstractInsnNode insn : method.instructions) {
					if (insn instanceof MethodInsnNode call && call.owner.equals(classNode.name)
							&& call.name.equals(method.name) && call.getOpcode() != Opcodes.INVOKESTATIC) {
						targets.put(method.name + method.desc, call.name + call.desc);
					}
				}
			}
		}
		return targets;
	}

	/**
	 * Return the method whose code holds the given method's lambda, if it is one, or the
	 * method itself.
	 */
	private static MethodNode enclosingMethod(MethodNode method, Map<String, MethodNode> lambdaCallers) {
		MethodNode enclosing = method;
		for (int depth = 0; depth < 8 && enclosing.name.startsWith(LAMBDA_PREFIX); depth++) {
			MethodNode caller = lambdaCallers.get(enclosing.name + enclosing.desc);
			if (caller == null) {
				break;
			}
			enclosing = caller;
		}
		return enclosing;
	}

	/**
	 * Describe the method that makes a call for a person: the method of the bean's type,
	 * or of a member class, whose code holds the call, or the lambda, anonymous or local
	 * class that makes it.
	 */
	private static String describeCaller(List<ClassNode> enclosing, List<ReceiverInterpreter.OuterField> path,
			MethodNode method, MethodNode enclosingMethod) {
		ClassNode classNode = enclosing.get(enclosing.size() - 1);
		if (classNode.outerMethod == null || enclosing.size() == 1) {
			String from = (enclosingMethod != method) ? " (from a lambda)" : "";
			String descriptor = enclosingMethod.desc;
			if (!path.isEmpty() && enclosingMethod.name.equals("<init>")) {
				descriptor = withoutOuterParameter(descriptor, path.get(0).type());
			}
			return describe(classNode.name, enclosingMethod.name, descriptor) + from;
		}
		// Name the method that declares the outermost of the anonymous or local classes
		// the call is made from, as that is the code a person wrote
		int outermost = enclosing.size() - 1;
		while (outermost > 1 && enclosing.get(outermost - 1).outerMethod != null) {
			outermost--;
		}
		ClassNode local = enclosing.get(outermost);
		ClassNode declaring = enclosing.get(outermost - 1);
		String name = local.outerMethod;
		String descriptor = local.outerMethodDesc;
		for (MethodNode candidate : declaring.methods) {
			if (candidate.name.equals(name) && candidate.desc.equals(descriptor)) {
				MethodNode declaringMethod = enclosingMethod(candidate, lambdaCallers(declaring));
				name = declaringMethod.name;
				descriptor = declaringMethod.desc;
			}
		}
		return describe(declaring.name, name, descriptor) + " (from " + shortName(classNode.name) + ")";
	}

	/**
	 * Drop the enclosing instance that javac passes first to the constructor of an inner
	 * class, as the person who wrote it did not.
	 */
	private static String withoutOuterParameter(String descriptor, String outerName) {
		Type[] parameters = Type.getArgumentTypes(descriptor);
		if (parameters.length == 0 || !parameters[0].getInternalName().equals(outerName)) {
			return descriptor;
		}
		return Type.getMethodDescriptor(Type.getReturnType(descriptor),
				Arrays.copyOfRange(parameters, 1, parameters.length));
	}

	private static String describe(String owner, String name, String descriptor) {
		return MethodDescriptions.brief(Type.getObjectType(owner).getClassName(), name,
				Arrays.stream(Type.getArgumentTypes(descriptor)).map(Type::getClassName).toList());
	}

	private static String shortName(String name) {
		String className = name.replace('/', '.');
		return ClassUtils.getShortName(className);
	}

	/**
	 * The code of one method, analysed the first time a bean has a fire-and-forget method
	 * that it may call.
	 */
	private static final class MethodCode {

		private final Set<String> invoked;

		private @Nullable List<ClassNode> enclosing;

		private @Nullable List<ReceiverInterpreter.OuterField> path;

		private @Nullable MethodNode method;

		private @Nullable MethodNode enclosingMethod;

		private @Nullable Map<String, String> bridgeTargets;

		private @Nullable List<SelfCall> selfCalls;

		MethodCode(List<ClassNode> enclosing, List<ReceiverInterpreter.OuterField> path, MethodNode method,
				MethodNode enclosingMethod, Map<String, String> bridgeTargets, Set<String> invoked) {
			this.enclosing = enclosing;
			this.path = path;
			this.method = method;
			this.enclosingMethod = enclosingMethod;
			this.bridgeTargets = bridgeTargets;
			this.invoked = invoked;
		}

		boolean mayCall(Set<String> names) {
			for (String name : this.invoked) {
				if (names.contains(name)) {
					return true;
				}
			}
			return false;
		}

		synchronized List<SelfCall> selfCalls() {
			List<SelfCall> calls = this.selfCalls;
			if (calls == null && this.enclosing != null && this.path != null && this.method != null
					&& this.enclosingMethod != null && this.bridgeTargets != null) {
				calls = analyse(this.enclosing, this.path, this.method, this.enclosingMethod, this.bridgeTargets);
				this.selfCalls = calls;
				// Once analysed, the bytecode is no longer needed
				this.enclosing = null;
				this.path = null;
				this.method = null;
				this.enclosingMethod = null;
				this.bridgeTargets = null;
			}
			return (calls != null) ? calls : List.of();
		}

	}

	/**
	 * A call made on {@code this}, as found in the bytecode.
	 *
	 * @param caller the calling method, described for a person
	 * @param owner the internal name of the class or interface the call names
	 * @param name the name of the called method
	 * @param descriptor the descriptor of the called method
	 * @param opcode how the method is invoked: {@code INVOKESPECIAL} runs exactly the
	 * method named, the others whichever overrides it
	 * @param callsOverridden whether the call is {@code super.method()} from the method
	 * that overrides it
	 */
	private record SelfCall(String caller, String owner, String name, String descriptor, int opcode,
			boolean callsOverridden) {

	}

	/**
	 * A call instruction.
	 *
	 * @param owner the internal name of the class or interface the call names
	 * @param name the name of the called method
	 * @param descriptor the descriptor of the called method
	 * @param opcode the opcode of the invocation
	 */
	private record Call(String owner, String name, String descriptor, int opcode) {

	}

}
