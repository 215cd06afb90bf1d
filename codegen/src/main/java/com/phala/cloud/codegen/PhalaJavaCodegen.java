package com.phala.cloud.codegen;

import com.google.common.collect.ImmutableMap;
import com.samskivert.mustache.Mustache;
import java.util.List;
import java.util.Map;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.languages.JavaClientCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.OperationsMap;

/**
 * openapi-generator's {@code java} generator (every option and template as they are) with two
 * additions for our templates, because a mustache template cannot compute either:
 *
 * <ul>
 *   <li>the lambda {@code javadoc}: {@code {{#lambda.javadoc}}{{{unescapedDescription}}}
 *       {{/lambda.javadoc}}} writes a description as Javadoc ({@link JavadocText});
 *   <li>for an operation whose 2xx response is an {@code anyOf} of arrays marked {@value
 *       VersionedResponses#SINCE}, the vendor extension {@value VersionedResponses#VERSIONS}: one
 *       entry per value of the version header's enum, with the generated model of the items that
 *       version answers with ({@link VersionedResponses}).
 * </ul>
 *
 * <p>Its name is {@value #NAME}; the plugin finds it on its classpath (a plugin dependency).
 */
public class PhalaJavaCodegen extends JavaClientCodegen {
  /** The name a pom's {@code generatorName} gives. */
  public static final String NAME = "phala-java";

  /** The generator's name, {@value #NAME}. */
  @Override
  public String getName() {
    return NAME;
  }

  /** What {@code --help} of the generator prints. */
  @Override
  public String getHelp() {
    return "The java generator, with a javadoc lambda and one method per API version.";
  }

  /** The built-in lambdas and {@code javadoc}. */
  @Override
  protected ImmutableMap.Builder<String, Mustache.Lambda> addMustacheLambdas() {
    return super.addMustacheLambdas()
        .put("javadoc", (fragment, out) -> out.write(JavadocText.of(fragment.execute())));
  }

  /** The operations as the java generator makes them, versioned responses resolved. */
  @Override
  public OperationsMap postProcessOperationsWithModels(OperationsMap objs, List<ModelMap> models) {
    OperationsMap result = super.postProcessOperationsWithModels(objs, models);
    VersionedResponses versioned = new VersionedResponses(openAPI, this::toModelName);
    for (CodegenOperation operation : result.getOperations().getOperation()) {
      for (String model : versioned.apply(operation)) {
        addImport(result, modelPackage() + "." + model, model);
      }
    }
    return result;
  }

  private static void addImport(OperationsMap objs, String fullName, String simpleName) {
    List<Map<String, String>> imports = objs.getImports();
    if (imports.stream().noneMatch(i -> fullName.equals(i.get("import")))) {
      imports.add(Map.of("import", fullName, "classname", simpleName));
    }
  }
}
