import { articleDetailSchema, articleListResponse, createArticleInput, createArticleResponse, listArticlesQuery } from "../articles";
import { exportArticleQuery, newsmarkArticleExportSchema, w3cCollectionSchema } from "../export";
import { json, named, type Operation } from "./operation";

/** Articles: listing and importing them, one article, and one article as a download. */
export const ARTICLE_OPERATIONS: Operation[] = [
  {
    id: "listArticles",
    method: "get",
    path: "/api/articles",
    tag: "articles",
    summary: "Articles, most recently changed first, with counts per kind and status",
    access: "signed-in",
    query: named("ListArticlesQuery", listArticlesQuery),
    responses: { 200: json("A page of articles", named("ArticleList", articleListResponse)) },
  },
  {
    id: "createArticle",
    method: "post",
    path: "/api/articles",
    tag: "articles",
    summary: "Import an article: text, Markdown, HTML, a ProseMirror document or a Newsmark JSON export",
    description: "A Newsmark export brings its annotations; `skippedWithoutText` counts those with no text to attach to.",
    access: "signed-in",
    body: named("CreateArticleRequest", createArticleInput),
    bodyLimit: "2 MB",
    responses: { 201: json("The imported article", named("CreatedArticle", createArticleResponse)) },
    errors: ["conflict"],
  },
  {
    id: "getArticle",
    method: "get",
    path: "/api/articles/{id}",
    tag: "articles",
    summary: "One article with its current revision and annotations in document order",
    access: "signed-in",
    responses: { 200: json("The article", named("ArticleDetail", articleDetailSchema)) },
  },
  {
    id: "exportArticle",
    method: "get",
    path: "/api/articles/{id}/export",
    tag: "export",
    summary: "One article as a download: Newsmark JSON or a W3C Web Annotation collection",
    access: "signed-in",
    query: named("ExportArticleQuery", exportArticleQuery),
    responses: {
      200: {
        description: "The export (`format=json`: Newsmark JSON; `format=w3c`: JSON-LD)",
        body: named("NewsmarkArticleExport", newsmarkArticleExportSchema),
        alternatives: [{ contentType: "application/ld+json", body: named("W3cAnnotationCollection", w3cCollectionSchema), description: "format=w3c" }],
      },
    },
  },
];
