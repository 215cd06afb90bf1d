package com.phala.cloud.codegen;

import com.samskivert.mustache.Mustache;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.languages.JavaClientCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.OperationsMap;

/**
 * openapi-generator's {@code java} generator (every option and template as they are) with two
 * things a mustache template cannot compute:
 *
 * <ul>
 *   <li>Descriptions as Javadoc: every schema's, property's and parameter's {@code description} and
 *       every operation's {@code notes} is the spec's text made Javadoc by {@link JavadocText}
 *       (backticks to {@code {@code}}, markup characters as literals), and templates write values
 *       as they are instead of HTML-escaping them ({@code &#39;} for an apostrophe). So the stock
 *       templates and ours print readable Javadoc with a plain {@code {{description}}}.
 *   <li>For an operation whose 2xx response is an {@code anyOf} of arrays marked {@value
 *       VersionedResponses#SINCE}, one typed method per version of the version header's enum, in
 *       vendor extensions the API template reads ({@link VersionedResponses}).
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
    return "The java generator, with Javadoc descriptions and one method per API version.";
  }

  /**
   * Templates write values unescaped: Java source is not HTML, and the descriptions are already
   * Javadoc. (The generator escapes a description for Java strings, not for HTML; code values are
   * written with triple braces by every template anyway.)
   */
  @Override
  public Mustache.Compiler processCompiler(Mustache.Compiler compiler) {
    return super.processCompiler(compiler).escapeHTML(false);
  }

  /** The java generator's model, its description as Javadoc. */
  @Override
  public CodegenModel fromModel(String name, Schema schema) {
    CodegenModel model = super.fromModel(name, schema);
    if (model.unescapedDescription != null) {
      model.description = JavadocText.of(model.unescapedDescription);
    }
    return model;
  }

  /** The java generator's property, its description as Javadoc. */
  @Override
  public CodegenProperty fromProperty(
      String name, Schema schema, boolean required, boolean schemaIsFromAdditionalProperties) {
    CodegenProperty property =
        super.fromProperty(name, schema, required, schemaIsFromAdditionalProperties);
    if (property != null && property.unescapedDescription != null) {
      property.description = JavadocText.of(property.unescapedDescription);
    }
    return property;
  }

  /** The java generator's parameter, its description as Javadoc. */
  @Override
  public CodegenParameter fromParameter(Parameter parameter, Set<String> imports) {
    CodegenParameter codegen = super.fromParameter(parameter, imports);
    if (codegen.unescapedDescription != null) {
      codegen.description = JavadocText.of(codegen.unescapedDescription);
    }
    return codegen;
  }

  /** The operations as the java generator makes them: notes as Javadoc, versions resolved. */
  @Override
  public OperationsMap postProcessOperationsWithModels(OperationsMap objs, List<ModelMap> models) {
    OperationsMap result = super.postProcessOperationsWithModels(objs, models);
    VersionedResponses versioned = new VersionedResponses(openAPI, this::toModelName);
    for (CodegenOperation operation : result.getOperations().getOperation()) {
      if (operation.unescapedNotes != null) {
        operation.notes = JavadocText.of(operation.unescapedNotes);
      }
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
