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

import java.lang.reflect.Method;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.github.threadmethod.FireAndForget;
import org.junit.jupiter.api.Test;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;
import org.springframework.core.OverridingClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SelfInvocationScanner} on classes that have no class file of their
 * own, or one that their class loader finds through its parent.
 *
 * @author threadmethod contributors
 */
class SelfInvocationScannerTests {

	private static final Predicate<Method> SEND = (method) -> method.getName().equals("send");

	@Test
	void classMadeInMemoryWithoutAClassFileIsLookedUpAndWhatItInheritsIsRead() {
		InMemoryClasses classLoader = new InMemoryClasses(getClass().getClassLoader());
		Class<?> subclass = classLoader.defineSubclass(Caller.class);
		List<String> findings = new SelfInvocationScanner().scan(subclass, SEND);
		assertThat(findings).singleElement().asString().contains("Caller.place() calls @FireAndForget");
		// Its loader may give its class file back: only asking tells
		assertThat(classLoader.resourcesAsked).contains(Type.getInternalName(subclass) + ".class");
	}

	@Test
	void classRedefinedFromItsClassFileBySpringsOverridingClassLoaderIsRead() throws Exception {
		Class<?> redefined = new OverridingClassLoader(getClass().getClassLoader()).loadClass(Caller.class.getName());
		assertThat(redefined).isNotSameAs(Caller.class);
		assertThat(redefined.getProtectionDomain().getCodeSource().getLocation()).isNull();
		List<String> findings = new SelfInvocationScanner().scan(redefined, SEND);
		assertThat(findings).singleElement().asString().contains("Caller.place() calls @FireAndForget");
	}

	@Test
	void classDefinedFromItsClassFileWithoutAProtectionDomainIsRead() throws Exception {
		// As Spring's TestCompiler (DynamicClassLoader), DevTools' RestartClassLoader for
		// an updated class, or a plug-in loader do: defineClass(name, bytes, 0, length)
		// from a class file that the loader also gives back as a resource
		Class<?> defined = new ChildFirstFromClassFiles(getClass().getClassLoader()).loadClass(Caller.class.getName());
		assertThat(defined).isNotSameAs(Caller.class);
		assertThat(defined.getClassLoader().getResource(defined.getName().replace('.', '/') + ".class")).isNotNull();
		List<String> findings = new SelfInvocationScanner().scan(defined, SEND);
		assertThat(findings).singleElement().asString().contains("Caller.place() calls @FireAndForget");
	}

	/**
	 * Defines the caller from its class file, child first, with no protection domain.
	 */
	private static final class ChildFirstFromClassFiles extends ClassLoader {

		ChildFirstFromClassFiles(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.equals(Caller.class.getName())) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded != null) {
					return loaded;
				}
				try (java.io.InputStream in = getResourceAsStream(name.replace('.', '/') + ".class")) {
					byte[] bytes = in.readAllBytes();
					return defineClass(name, bytes, 0, bytes.length);
				}
				catch (java.io.IOException ex) {
					throw new ClassNotFoundException(name, ex);
				}
			}
		}

	}

	public static class Caller {

		public void place() {
			send();
		}

		@FireAndForget
		public void send() {
		}

	}

	/**
	 * Defines classes from bytes made in memory, as a library that generates classes
	 * does, and records the resources it is asked for.
	 */
	private static final class InMemoryClasses extends ClassLoader {

		private final List<String> resourcesAsked = new CopyOnWriteArrayList<>();

		InMemoryClasses(ClassLoader parent) {
			super(parent);
		}

		@Override
		public URL getResource(String name) {
			this.resourcesAsked.add(name);
			return super.getResource(name);
		}

		Class<?> defineSubclass(Class<?> base) {
			String name = base.getName() + "_Generated";
			String superName = Type.getInternalName(base);
			ClassWriter writer = new ClassWriter(0);
			writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name.replace('.', '/'), null, superName,
					null);
			MethodVisitor constructor = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
			constructor.visitCode();
			constructor.visitVarInsn(Opcodes.ALOAD, 0);
			constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
			constructor.visitInsn(Opcodes.RETURN);
			constructor.visitMaxs(1, 1);
			constructor.visitEnd();
			writer.visitEnd();
			byte[] bytes = writer.toByteArray();
			return defineClass(name, bytes, 0, bytes.length);
		}

	}

}
