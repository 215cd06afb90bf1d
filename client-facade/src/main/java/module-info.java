/**
 * The Phala Cloud client: {@link com.phala.cloud.PhalaCloud}, the CVM views and the errors. Only
 * these three packages are exported: {@code com.phala.cloud.internal} and the packages under it are
 * not API. OkHttp 4 and the generated code are automatic modules, required transitively all the
 * same, as the public API shows their types ({@code okHttpClient(...)}, {@code generated()}).
 */
@SuppressWarnings("requires-transitive-automatic")
module com.phala.cloud {
  exports com.phala.cloud;
  exports com.phala.cloud.cvm;
  exports com.phala.cloud.errors;

  requires transitive okhttp3;
  requires transitive com.phala.cloud.generated;
  requires com.google.gson;
  requires retrofit2;
  requires retrofit2.converter.gson;
  requires org.slf4j;
  // What the automatic modules need at run time and cannot declare: OkHttp's Kotlin, and
  // java.sql for the generated code's Gson adapters.
  requires kotlin.stdlib;
  requires java.sql;
}
